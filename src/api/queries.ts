/**
 * The generated queries of a type, in Dgraph's order: `getT` (by ID and/or
 * `@id` fields) and its similarity queries (similar.ts), `checkTPassword` (with `@secret`), `queryT`, `aggregateT`,
 * each unless `@generate` turns it off; and its subscriptions, the same
 * fields but the password check.
 */
import { servedFields } from '../model/served.js';
import type { SchemaModel, TypeDef } from '../model/types.js';
import { nodeArguments } from './arguments.js';
import { hasIdDirective, idFieldOf, printTypeRef } from './field-rules.js';
import { names } from '../model/names.js';
import { similarQueries } from './similar.js';
import type { ArgSpec, FieldSpec } from './spec.js';

const INTERFACE_XID_DEPRECATION =
  '@id argument for get query on interface is being deprecated. Only those @id fields which have interface argument set to true ' +
  'will be available in getQuery argument on interface post v21.11.0, please update your schema accordingly.';

export function queryFields(model: SchemaModel, type: TypeDef): FieldSpec[] {
  const { query } = type.generate;
  const fields: FieldSpec[] = [];
  if (query.get) {
    const get = getQuery(type);
    fields.push(...get, ...similarQueries(type, get[0]));
  }
  if (query.password) fields.push(...passwordQuery(type));
  if (query.query) fields.push({ name: names.query(type.name), type: `[${type.name}]`, args: nodeArguments(model, type.name, true) });
  if (query.aggregate) {
    fields.push({ name: names.aggregate(type.name), type: names.aggregateResult(type.name), args: [{ name: 'filter', type: names.filter(type.name) }] });
  }
  return fields;
}

/**
 * The type's `Subscription` fields, from its `queries`: `getT`, `queryT` and
 * `aggregateT` as the `Query` type has them (same arguments), when
 * `@withSubscription` or `@generate(subscription: true)` asks for them.
 */
export function subscriptionFields(type: TypeDef, queries: readonly FieldSpec[]): FieldSpec[] {
  if (!type.generate.subscription) return [];
  const subscribable = new Set([names.get(type.name), names.query(type.name), names.aggregate(type.name)]);
  return queries.filter((field) => subscribable.has(field.name));
}

/**
 * `getT(id: ID, xid: String ...)`: an argument is required only when it is
 * the type's single way to identify a node.
 */
function getQuery(type: TypeDef): FieldSpec[] {
  const id = idFieldOf(type);
  const xids = servedFields(type).filter(hasIdDirective);
  if (!id && xids.length === 0) return [];
  const args: ArgSpec[] = [];
  if (id) args.push({ name: id.name, type: xids.length > 0 ? 'ID' : 'ID!' });
  for (const xid of xids) args.push({ name: xid.name, type: !id && xids.length <= 1 ? `${xid.type.name}!` : xid.type.name });
  const deprecated = type.kind === 'interface' && xids.some((x) => !x.xidInterface);
  return [
    {
      name: names.get(type.name),
      type: type.name,
      args,
      ...(deprecated ? { directives: [`@deprecated(reason: ${JSON.stringify(INTERFACE_XID_DEPRECATION)})`] } : {}),
    },
  ];
}

/** `checkTPassword(<ID or first @id field>, <password>: String!)`. */
function passwordQuery(type: TypeDef): FieldSpec[] {
  const key = idFieldOf(type) ?? servedFields(type).find(hasIdDirective);
  if (!type.secretField || !key) return [];
  return [
    {
      name: names.checkPassword(type.name),
      type: type.name,
      args: [
        { name: key.name, type: printTypeRef(key.type) },
        { name: type.secretField, type: 'String!' },
      ],
    },
  ];
}
