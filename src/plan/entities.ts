/**
 * Apollo federation's `_entities(representations:)` → one read of the
 * representations' type, as Dgraph rewrites it (graphql/resolve
 * query_rewriter.go, entitiesQuery; schema/wrappers.go, RepresentationsArg):
 * every representation names the same `@key` type and carries its key; a
 * uid key (`ID`, not `@external`) selects by uid, any other key by value,
 * ascending by it. The read is a `queryT`, so the type's query rules apply
 * as they do to any read. The engine then puts the nodes in the order of
 * the representations (`orderEntities`).
 */
import type { FieldDef, SchemaModel, TypeDef } from '../model/types.js';
import type { PlanContext } from './context.js';
import { isPlainObject } from './context.js';
import { PlanError } from './errors.js';
import type { RootFieldInfo } from './root.js';
import { planNodeQuery } from './selection.js';
import type { Filter, RootPlan } from './types.js';
import { parentFieldKey } from './types.js';
import { parseUid } from './uid.js';

/** Most representations one `_entities` field takes (docs/api.md, "Apollo federation"). */
export const MAX_REPRESENTATIONS = 1000;

export interface EntitiesPlan {
  readonly plan: RootPlan & { readonly kind: 'query' };
  readonly type: string;
  /** Whether the key is the uid (else a stored value). */
  readonly byUid: boolean;
  /** Each representation's key, as `entityKey` reads it from a node; undefined when it can name no node. */
  readonly keys: readonly (string | undefined)[];
  /** How many different keys the representations hold, as Dgraph counts them. */
  readonly distinct: number;
}

/** A problem of the `representations` argument, in Dgraph's words (answered as "couldn't rewrite query _entities because ..."). */
export class RepresentationsError extends PlanError {}

/** The response key under which each node carries its key, for `orderEntities`. */
const KEY = parentFieldKey('key');

export function planEntities(model: SchemaModel, info: RootFieldInfo, representations: unknown): EntitiesPlan {
  const ctx: PlanContext = { model, schema: info.schema, fragments: info.fragments, variables: info.variableValues };
  const [node] = info.fieldNodes;
  const items = Array.isArray(representations) ? representations : [];
  if (items.length === 0) throw new RepresentationsError('expecting at least one item in `representations` argument');
  if (items.length > MAX_REPRESENTATIONS) {
    throw new RepresentationsError(`at most ${MAX_REPRESENTATIONS} items are accepted in \`representations\` argument, got ${items.length}`);
  }
  const type = entityType(model, info, items[0]);
  const keyField = type.fieldMap.get(type.federation!.key!)!;
  const values = items.map((item, i) => keyValue(item, i, type, keyField));
  const byUid = keyField.kind === 'id';
  const keys = values.map((value) => (byUid ? (typeof value === 'string' ? parseUid(value) : undefined) : storedKey(keyField, value)));
  const query = planNodeQuery(ctx, { parentType: info.parentType.name, nodes: info.fieldNodes, typeName: type.name }, null);
  const found = [...new Set(keys.filter((k): k is string => k !== undefined))];
  const filter: Filter = byUid
    ? { kind: 'uid', uids: found }
    : found.length > 0
      ? { kind: 'in', field: keyField, values: values.filter((_, i) => keys[i] !== undefined) as (string | number)[] }
      : { kind: 'const', value: false };
  const carried = byUid ? { kind: 'uid' as const, key: KEY, forCustom: true as const } : { kind: 'scalar' as const, key: KEY, field: keyField, forCustom: true as const };
  return {
    plan: {
      kind: 'query',
      field: info.fieldName,
      key: node.alias?.value ?? node.name.value,
      // Dgraph sorts by the key (uids come in uid order).
      query: { ...query, filter, order: byUid ? [] : [{ field: keyField, desc: false }], selection: [...query.selection, carried] },
    },
    type: type.name,
    byUid,
    keys,
    distinct: new Set(values.map((v) => JSON.stringify(v))).size,
  };
}

/** The key a node read by an EntitiesPlan carries, comparable with `EntitiesPlan.keys`. */
function entityKey(node: unknown, byUid: boolean): string | undefined {
  const value = isPlainObject(node) ? node[KEY] : undefined;
  if (byUid) return typeof value === 'string' ? parseUid(value) : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * The nodes in the order of the representations, as Dgraph completes
 * `_entities` (resolve/resolver.go, entitiesQueryCompletion): a key given
 * twice gets its node twice; when some key found no node (fewer nodes than
 * distinct keys), the nodes stay as read, in key order. The hidden key is
 * left for graphql-js to ignore; each node names its type for `_Entity`.
 */
export function orderEntities(entities: EntitiesPlan, nodes: readonly unknown[]): unknown[] {
  const typed = nodes.map((n) => (isPlainObject(n) && n.__typename === undefined ? { ...n, __typename: entities.type } : n));
  if (typed.length < entities.distinct) return typed;
  const byKey = new Map(typed.map((n) => [entityKey(n, entities.byUid), n]));
  return entities.keys.map((key) => (key === undefined ? null : (byKey.get(key) ?? null)));
}

function entityType(model: SchemaModel, info: RootFieldInfo, first: unknown): TypeDef {
  if (!isPlainObject(first)) throw new RepresentationsError('error parsing 0th item in the `_representations` argument');
  const typename = first.__typename;
  if (typeof typename !== 'string') throw new RepresentationsError('unable to extract __typename from 0th item in the `_representations` argument');
  const type = model.types.get(typename);
  if (!type && !info.schema.getType(typename)) throw new RepresentationsError(`type ${typename} not found in the schema`);
  if (!type?.federation?.key || !type.fieldMap.has(type.federation.key)) throw new RepresentationsError(`type ${typename} doesn't have a key Directive`);
  return type;
}

function keyValue(item: unknown, i: number, type: TypeDef, keyField: FieldDef): unknown {
  if (!isPlainObject(item)) throw new RepresentationsError(`error parsing ${i}th item in the \`_representations\` argument`);
  const typename = item.__typename;
  if (typeof typename !== 'string') throw new RepresentationsError(`unable to extract __typename from ${i}th item in the \`_representations\` argument`);
  if (typename !== type.name) {
    throw new RepresentationsError(`expected only one unique typename in \`_representations\` argument, got: [${type.name}, ${typename}]`);
  }
  if (!(keyField.name in item)) {
    throw new RepresentationsError(`unable to extract value for key field \`${keyField.name}\` from ${i}th item in the \`_representations\` argument`);
  }
  return item[keyField.name];
}

/**
 * A key value as the store answers it for the key field (a string for
 * String and external ID keys, a number for Int, a number or decimal string
 * for Int64); undefined for a value of another type, which names no node.
 */
function storedKey(field: FieldDef, value: unknown): string | undefined {
  if (field.scalar === 'Int' || field.scalar === 'Int64') {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    return field.scalar === 'Int64' && typeof value === 'string' && /^-?\d+$/.test(value) ? String(BigInt(value)) : undefined;
  }
  return typeof value === 'string' ? value : undefined;
}
