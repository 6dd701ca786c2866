/**
 * The query plan: a GraphQL root field of the generated API, read into plain
 * data. The plan builder produces it from a field's AST and variables (for a
 * client request, and for the query of a graph-traversal rule); the store turns
 * it into SQL. Plans know the Dgraph API's meaning (filters, order, cascade,
 * fragments on abstract types) but nothing about SQL or auth.
 */
import type { FILTER_FUNCTIONS, FilterFunction, Operands } from '../model/search.js';
import type { FieldDef, SchemaModel, TypeDef } from '../model/types.js';
import type { VectorMetric } from '../model/vectors.js';

/**
 * A JSON value as it came from the request or the JWT claims (no coercion for rule variables).
 * From requests, values are coerced by the API's scalars: an Int64 is a number, or a decimal
 * string beyond 2^53; a DateTime is a canonical RFC 3339 string; an enum its value's name.
 */
export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };

/** A boolean condition on one node. */
export type Filter =
  | { readonly kind: 'and'; readonly items: readonly Filter[] }
  | { readonly kind: 'or'; readonly items: readonly Filter[] }
  | { readonly kind: 'not'; readonly item: Filter }
  | { readonly kind: 'const'; readonly value: boolean }
  /** The node's uid is one of these (canonical unsigned decimal strings; unparsable ids already dropped). */
  | { readonly kind: 'uid'; readonly uids: readonly string[] }
  /** The node's concrete type is one of these object types (union `memberTypes`, interface narrowing). */
  | { readonly kind: 'type'; readonly types: readonly string[] }
  /** `has: [f]`: a scalar is set or an edge field has at least one target. */
  | { readonly kind: 'has'; readonly field: FieldDef }
  | FunctionFilter;

type Functions = typeof FILTER_FUNCTIONS;
type FunctionKind = Functions[FilterFunction]['plan']['kind'];
type FunctionsOfKind<K> = { [F in FilterFunction]: Functions[F]['plan']['kind'] extends K ? F : never }[FilterFunction];
/**
 * One object type from a union of objects with the same keys: `{op: 'eq'} |
 * {op: 'le'}` → `{op: 'eq' | 'le'}` (`& string` keeps the mapping from
 * distributing over the union).
 */
type Merged<U> = { readonly [P in keyof U & string]: U[P] };

/**
 * A filter function on a scalar/enum field, in the form model/search.ts
 * gives it, one kind for the functions SQL treats alike: e.g.
 * `{kind: 'compare', op: 'le', field, value}` for `le`, `{kind: 'terms',
 * mode: 'all', field, text}` for `allofterms`, `{kind: 'regexp', field,
 * pattern, flags}` for `regexp` (the literal already split). `eq` with a null
 * value never reaches here (it becomes `not has`).
 */
export type FunctionFilter = {
  [K in FunctionKind]: Merged<Functions[FunctionsOfKind<K>]['plan']>
    & { readonly field: FieldDef }
    & Operands<Value>[Functions[FunctionsOfKind<K>]['operand']]
}[FunctionKind];

export interface OrderKey {
  readonly field: FieldDef;
  readonly desc: boolean;
}

/**
 * `@cascade` at one level: every selected field, or only the named ones, must be present.
 * Present means: a `scalar` selection is not null (a list: not empty); an `edge` has at least one node that
 * passes its own NodeQuery (filter, cascade, auth). `uid`, `typename` and `edgeAggregate`
 * selections ask for nothing. A selection with `onTypes` is asked only of nodes of those
 * types. `fields` lists field names of this level that are selected (every selection of
 * such a field must be present); inheritance from outer levels is already resolved by the
 * plan builder. With a cascade, `first`/`offset` apply after it (as in Dgraph).
 */
export type Cascade = { readonly kind: 'all' } | { readonly kind: 'fields'; readonly fields: readonly string[] };

/**
 * A selection from one node. `onTypes` restricts it to nodes of those concrete
 * object types (inline fragments / fragment spreads on interfaces and unions);
 * absent means every node. The same response key may appear several times with
 * disjoint `onTypes` (e.g. `... on Dog { breed } ... on Plant { breed }`).
 */
export type Selection =
  | { readonly kind: 'typename'; readonly key: string; readonly onTypes?: readonly string[] }
  /** The type's ID field: the uid as a hex string "0x1f". */
  | { readonly kind: 'uid'; readonly key: string; readonly onTypes?: readonly string[]; readonly forCustom?: true }
  /**
   * Scalar, enum or list-of-scalar field. `forCustom`: read only because a
   * `@custom`/`@lambda` field of the node needs it (its key is
   * `parentFieldKey(name)`); never part of `@cascade`.
   */
  | { readonly kind: 'scalar'; readonly key: string; readonly field: FieldDef; readonly onTypes?: readonly string[]; readonly forCustom?: true }
  /** Relation to object/interface/union nodes; `list` tells whether the answer is an array or one object/null. */
  | { readonly kind: 'edge'; readonly key: string; readonly field: FieldDef; readonly list: boolean; readonly query: NodeQuery; readonly onTypes?: readonly string[] }
  /** `<field>Aggregate(filter)` on an edge field. */
  | { readonly kind: 'edgeAggregate'; readonly key: string; readonly field: FieldDef; readonly aggregate: AggregateQuery; readonly onTypes?: readonly string[] };

/**
 * The response key under which a node carries a parent field that a
 * `@custom`/`@lambda` field needs: `@` cannot start a GraphQL response key,
 * so it never meets a client's alias, and graphql-js ignores it.
 */
export function parentFieldKey(name: string): string {
  return `@${name}`;
}

export interface NodeQuery {
  /** The named type of the nodes: object type, interface or union name. */
  readonly type: string;
  /** Concrete object types a node may have (the type itself, an interface's implementers, a union's members). */
  readonly concreteTypes: readonly TypeDef[];
  readonly filter: Filter | null;
  /** Empty: ascending uid, as Dgraph. */
  readonly order: readonly OrderKey[];
  readonly first?: number;
  readonly offset?: number;
  readonly cascade: Cascade | null;
  readonly selection: readonly Selection[];
}

export type AggregateField =
  | { readonly key: string; readonly fn: 'count' }
  | { readonly key: string; readonly fn: 'min' | 'max' | 'sum' | 'avg'; readonly field: FieldDef }
  | { readonly key: string; readonly fn: 'typename'; readonly typename: string };

export interface AggregateQuery {
  readonly type: string;
  readonly concreteTypes: readonly TypeDef[];
  readonly filter: Filter | null;
  readonly fields: readonly AggregateField[];
}

/** Coerced input objects of add/update mutations, as graphql-js hands them over. */
export type InputObject = { readonly [field: string]: unknown };

/** What a mutation payload asks for. */
export type PayloadSelection =
  | { readonly kind: 'nodes'; readonly key: string; readonly query: NodeQuery }
  | { readonly kind: 'numUids'; readonly key: string }
  | { readonly kind: 'msg'; readonly key: string }
  | { readonly kind: 'typename'; readonly key: string; readonly typename: string };

/**
 * querySimilarTById / querySimilarTByEmbedding: the `topK` nodes of the
 * query's type nearest to a vector by `field`'s metric, nearest first (ties
 * by uid), each carrying its distance as `vector_distance`; the query's
 * filter and @cascade then apply to those, as Dgraph applies them after its
 * similar_to. The store checks `ef` and `threshold` as Dgraph's executor does.
 */
export interface SimilarSearch {
  /** The `@embedding` field ranked by. */
  readonly field: FieldDef;
  readonly metric: VectorMetric;
  readonly topK: number;
  /** The vector given, or the node (its key filter, read under the query rule) whose own vector is searched from. */
  readonly from: { readonly kind: 'vector'; readonly vector: readonly number[] } | { readonly kind: 'node'; readonly filter: Filter };
  /** `ef`: a tuning of Dgraph's HNSW search, which an exact scan does not need; checked as Dgraph checks it. */
  readonly ef?: number;
  /** `distance_threshold`: no node farther than this (not for dotproduct, as in Dgraph). */
  readonly threshold?: number;
}

/** One root field of the generated API. `field` is the API field name, `key` its response key. */
export type RootPlan =
  /** queryT, and with `similar` the similarity queries. */
  | { readonly kind: 'query'; readonly field: string; readonly key: string; readonly query: NodeQuery; readonly similar?: SimilarSearch }
  /** getT: a NodeQuery whose filter selects the id/@id given; answers one object or null. */
  | { readonly kind: 'get'; readonly field: string; readonly key: string; readonly query: NodeQuery }
  | { readonly kind: 'aggregate'; readonly field: string; readonly key: string; readonly aggregate: AggregateQuery }
  | { readonly kind: 'checkPassword'; readonly field: string; readonly key: string; readonly query: NodeQuery; readonly passwordField: string; readonly password: string }
  /**
   * Mutations carry the model they were planned against: input objects name
   * nested types (references, nested creations, union member refs), @hasInverse
   * partners live on other types, and a mutation on an interface reaches the
   * nodes of its implementations.
   */
  | { readonly kind: 'add'; readonly field: string; readonly key: string; readonly model: SchemaModel; readonly type: TypeDef; readonly input: readonly InputObject[]; readonly upsert: boolean; readonly payload: readonly PayloadSelection[] }
  | { readonly kind: 'update'; readonly field: string; readonly key: string; readonly model: SchemaModel; readonly type: TypeDef; readonly filter: Filter | null; readonly set: InputObject | null; readonly remove: InputObject | null; readonly payload: readonly PayloadSelection[] }
  | { readonly kind: 'delete'; readonly field: string; readonly key: string; readonly model: SchemaModel; readonly type: TypeDef; readonly filter: Filter | null; readonly payload: readonly PayloadSelection[] };
