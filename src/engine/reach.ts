/**
 * Which types a live query depends on, and which a write may change: every
 * type reachable from a type through its fields, with the implementations
 * of interfaces and the members of unions reached on the way (a node of an
 * interface is a node of one of its implementations). A write on a type can
 * only change nodes reachable from it (nested inputs follow fields; a delete
 * unlinks edges that point at its nodes, which are reachable from the
 * types holding them), so a live query needs to re-run only when the two
 * sets meet. The @auth rules of a type query its own fields, so they stay
 * within the same set.
 */
import type { SchemaModel } from '../model/types.js';

const cache = new WeakMap<SchemaModel, Map<string, ReadonlySet<string>>>();

export function typesReachableFrom(model: SchemaModel, start: string): ReadonlySet<string> {
  let perModel = cache.get(model);
  if (!perModel) {
    perModel = new Map();
    cache.set(model, perModel);
  }
  let reached = perModel.get(start);
  if (!reached) {
    reached = walk(model, start);
    perModel.set(start, reached);
  }
  return reached;
}

function walk(model: SchemaModel, start: string): ReadonlySet<string> {
  const reached = new Set<string>();
  const pending = [start];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reached.has(name)) continue;
    const type = model.types.get(name);
    const union = model.unions.get(name);
    if (!type && !union) continue;
    reached.add(name);
    if (union) pending.push(...union.members);
    if (type) {
      pending.push(...type.implementations, ...type.interfaces);
      for (const field of type.fields) pending.push(field.type.name);
    }
  }
  return reached;
}
