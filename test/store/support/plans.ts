/**
 * Test-only builders of plan structures (src/plan/types.ts), written the way
 * the plan builder would produce them for a GraphQL request, so store tests
 * read like the queries they stand for. Fields are named "Type.field".
 *
 * A level is written with its own @cascade only, as in the request; the root
 * builders (and `reach`, whose traversal Dgraph reads with cascade on every
 * level) resolve the levels below as the plan builder does (plan/cascade.ts):
 * the store reads each level's resolved cascade and inherits nothing itself.
 */
import type { FieldDef, SchemaModel, TypeDef } from '../../../src/model/types.js';
import type {
  AggregateField, AggregateQuery, Cascade, Filter, InputObject, NodeQuery, OrderKey, PayloadSelection, RootPlan, Selection, Value,
} from '../../../src/plan/types.js';
import { cascadeOf, type CascadeRule } from '../../../src/plan/cascade.js';
import type { AuthOperation, AuthPolicy, Decision, FieldAuthOperation, Residual } from '../../../src/rules/policy.js';

/** A selection: "field" (scalar, id or __typename), a built Selection, or fields of fragment types. */
export type Pick = string | Selection | { readonly on: readonly string[]; readonly select: readonly Pick[] };

export interface Level {
  readonly filter?: Filter | null;
  readonly order?: readonly OrderKey[];
  readonly first?: number;
  readonly offset?: number;
  readonly cascade?: Cascade | null;
  readonly select?: readonly Pick[];
}

export class Plans {
  constructor(readonly model: SchemaModel) {}

  type(name: string): TypeDef {
    const t = this.model.types.get(name);
    if (!t) throw new Error(`no type ${name}`);
    return t;
  }

  /** "Type.field" */
  field(path: string): FieldDef {
    const [type, name] = path.split('.');
    const f = this.type(type).fieldMap.get(name);
    if (!f) throw new Error(`no field ${path}`);
    return f;
  }

  concrete(name: string): TypeDef[] {
    const union = this.model.unions.get(name);
    if (union) return union.members.map((m) => this.type(m));
    return this.type(name).implementations.map((m) => this.type(m));
  }

  private selection(type: string, pick: Pick, onTypes?: readonly string[]): Selection[] {
    if (typeof pick !== 'string') {
      if ('on' in pick) return pick.select.flatMap((p) => this.selection(pick.on[0], p, pick.on));
      return [onTypes ? { ...pick, onTypes } : pick];
    }
    const [name, key = name] = pick.split(':').reverse();
    const extra = onTypes ? { onTypes } : {};
    if (name === '__typename') return [{ kind: 'typename', key, ...extra }];
    const f = this.field(`${type}.${name}`);
    if (f.kind === 'id') return [{ kind: 'uid', key, ...extra }];
    return [{ kind: 'scalar', key, field: f, ...extra }];
  }

  node(type: string, level: Level = {}): NodeQuery {
    return {
      type,
      concreteTypes: this.concrete(type),
      filter: level.filter ?? null,
      order: level.order ?? [],
      ...(level.first !== undefined ? { first: level.first } : {}),
      ...(level.offset !== undefined ? { offset: level.offset } : {}),
      cascade: level.cascade ?? null,
      selection: (level.select ?? []).flatMap((p) => this.selection(type, p)),
    };
  }

  /** An edge selection "Type.field" (key defaults to the field name; "alias:Type.field" sets it). */
  edge(path: string, level: Level = {}): Selection {
    const [name, key] = path.includes(':') ? [path.split(':')[1], path.split(':')[0]] : [path, undefined];
    const f = this.field(name);
    return { kind: 'edge', key: key ?? f.name, field: f, list: f.type.list, query: this.node(f.type.name, level) };
  }

  edgeAggregate(path: string, key: string, fields: readonly AggregateField[], filter: Filter | null = null): Selection {
    const f = this.field(path);
    return { kind: 'edgeAggregate', key, field: f, aggregate: this.aggregate(f.type.name, fields, filter) };
  }

  aggregate(type: string, fields: readonly AggregateField[], filter: Filter | null = null): AggregateQuery {
    return { type, concreteTypes: this.concrete(type), filter, fields };
  }

  asc(path: string): OrderKey { return { field: this.field(path), desc: false }; }
  desc(path: string): OrderKey { return { field: this.field(path), desc: true }; }

  // Filters
  eq(path: string, value: Value): Filter { return { kind: 'compare', field: this.field(path), op: 'eq', value }; }
  cmp(path: string, op: 'eq' | 'le' | 'lt' | 'ge' | 'gt', value: Value): Filter { return { kind: 'compare', field: this.field(path), op, value }; }
  in(path: string, values: readonly Value[]): Filter { return { kind: 'in', field: this.field(path), values }; }
  between(path: string, min: Value, max: Value): Filter { return { kind: 'between', field: this.field(path), min, max }; }
  has(path: string): Filter { return { kind: 'has', field: this.field(path) }; }
  terms(path: string, mode: 'all' | 'any', text: string): Filter { return { kind: 'terms', field: this.field(path), mode, text }; }
  fulltext(path: string, mode: 'all' | 'any', text: string): Filter { return { kind: 'fulltext', field: this.field(path), mode, text }; }
  regexp(path: string, pattern: string, flags = ''): Filter { return { kind: 'regexp', field: this.field(path), pattern, flags }; }
  geo(path: string, relation: 'near' | 'within' | 'contains' | 'intersects', value: Value): Filter { return { kind: 'geo', field: this.field(path), relation, value }; }
  uids(...hex: string[]): Filter { return { kind: 'uid', uids: hex.map((h) => BigInt(h).toString()) }; }
  types(...names: string[]): Filter { return { kind: 'type', types: names }; }
  and(...items: Filter[]): Filter { return { kind: 'and', items }; }
  or(...items: Filter[]): Filter { return { kind: 'or', items }; }
  not(item: Filter): Filter { return { kind: 'not', item }; }

  // Root plans
  query(type: string, level: Level = {}): RootPlan {
    return { kind: 'query', field: `query${type}`, key: `query${type}`, query: resolved(this.node(type, level), null) };
  }
  get(type: string, filter: Filter, select: readonly Pick[]): RootPlan {
    return { kind: 'get', field: `get${type}`, key: `get${type}`, query: resolved(this.node(type, { filter, select }), null) };
  }
  aggregateRoot(type: string, fields: readonly AggregateField[], filter: Filter | null = null): RootPlan {
    return { kind: 'aggregate', field: `aggregate${type}`, key: `aggregate${type}`, aggregate: this.aggregate(type, fields, filter) };
  }
  checkPassword(type: string, filter: Filter, password: string, select: readonly Pick[]): RootPlan {
    const passwordField = this.type(type).secretField ?? this.concrete(type)[0].secretField ?? 'password';
    return { kind: 'checkPassword', field: `check${type}Password`, key: `check${type}Password`, query: resolved(this.node(type, { filter, select }), null), passwordField, password };
  }

  /** The payload `t { ... } numUids msg` of a mutation on `type`. */
  payload(type: string, level: Level = {}, extra: readonly ('numUids' | 'msg')[] = ['numUids']): PayloadSelection[] {
    const key = type.charAt(0).toLowerCase() + type.slice(1);
    return [{ kind: 'nodes', key, query: resolved(this.node(type, level), null) }, ...extra.map((k) => ({ kind: k, key: k }) as PayloadSelection)];
  }
  add(type: string, input: readonly InputObject[], select: readonly Pick[] = ['id'], upsert = false): RootPlan {
    return { kind: 'add', field: `add${type}`, key: `add${type}`, model: this.model, type: this.type(type), input, upsert, payload: this.payload(type, { select }) };
  }
  update(type: string, filter: Filter | null, set: InputObject | null, remove: InputObject | null, select: readonly Pick[] = ['id']): RootPlan {
    return { kind: 'update', field: `update${type}`, key: `update${type}`, model: this.model, type: this.type(type), filter, set, remove, payload: this.payload(type, { select }) };
  }
  delete(type: string, filter: Filter | null, select: readonly Pick[] = []): RootPlan {
    return { kind: 'delete', field: `delete${type}`, key: `delete${type}`, model: this.model, type: this.type(type), filter, payload: this.payload(type, { select }, ['numUids', 'msg']) };
  }
}

/**
 * A policy from per-type decisions; types not listed are allowed. `fields`:
 * per type and field (`Type.field`), the field's decisions; fields not listed are allowed.
 */
export function policy(
  decisions: Record<string, Partial<Record<AuthOperation, Decision>>>,
  fields: Record<string, Partial<Record<FieldAuthOperation, Decision>>> = {},
): AuthPolicy {
  return {
    decide: (type, op) => decisions[type]?.[op] ?? { kind: 'allow' },
    hasRule: (type, op) => decisions[type]?.[op] !== undefined,
    decideField: (type, field, op) => fields[`${type}.${field}`]?.[op] ?? { kind: 'allow' },
    ruledFields: (type, op) => Object.keys(fields).filter((k) => k.startsWith(`${type}.`) && fields[k][op]).map((k) => k.slice(type.length + 1)),
  };
}

export const allow: Decision = { kind: 'allow' };
export const deny: Decision = { kind: 'deny' };
export const filter = (residual: Residual): Decision => ({ kind: 'filter', residual });
export const reach = (query: NodeQuery): Residual => ({ kind: 'reach', query: resolved(query, { kind: 'all' }) });

/** How Dgraph names a field in `@cascade(fields: [...])` (plan/cascade.ts). */
function storageKey(field: FieldDef): string {
  if (field.kind === 'id') return 'uid';
  return field.reverse ? `~${field.predicate}` : field.predicate;
}

/** `q` with each level's cascade resolved: its own, else the one inherited from above. */
function resolved(q: NodeQuery, inherited: CascadeRule): NodeQuery {
  const own: CascadeRule = q.cascade?.kind === 'fields'
    ? { kind: 'predicates', predicates: new Set(q.cascade.fields.map((name) => storageKey(q.concreteTypes[0].fieldMap.get(name)!))) }
    : q.cascade ?? null;
  const rule = own ?? inherited;
  const selection = q.selection.map((s) => (s.kind === 'edge' ? { ...s, query: resolved(s.query, rule) } : s));
  return { ...q, cascade: cascadeOf(rule, selection), selection };
}
export const unknown: Residual = { kind: 'unknown' };
export const and = (...items: Residual[]): Residual => ({ kind: 'and', items });
export const or = (...items: Residual[]): Residual => ({ kind: 'or', items });
export const not = (item: Residual): Residual => ({ kind: 'not', item });
