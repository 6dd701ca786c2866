/**
 * Everything a schema can read of a store, as one comparable value: for each
 * object type, its nodes with every scalar field and, one level down, the
 * scalar fields of every edge's targets. Uids are left out and lists sorted,
 * so stores loaded from the same data by different routes compare equal.
 */
import { isEdge } from '../../../src/model/edges.js';
import type { SchemaModel, TypeDef } from '../../../src/model/types.js';
import { ALLOW_ALL } from '../../../src/rules/policy.js';
import type { Store } from '../../../src/store/types.js';
import { Plans } from './plans.js';

const scalars = (type: TypeDef) => type.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => f.name);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

export async function dumpStore(store: Store, model: SchemaModel): Promise<Record<string, unknown>> {
  const p = new Plans(model);
  const dump: Record<string, unknown> = {};
  for (const type of model.types.values()) {
    if (type.kind !== 'object') continue;
    const edges = type.fields.filter((f) => isEdge(f) && f.kind !== 'union').map((f) => {
      const target = model.types.get(f.type.name)!;
      return p.edge(`${type.name}.${f.name}`, { select: ['__typename', ...scalars(target)] });
    });
    dump[type.name] = canonical(await store.run(p.query(type.name, { select: [...scalars(type), ...edges] }), ALLOW_ALL));
  }
  return dump;
}
