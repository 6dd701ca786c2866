/**
 * The type model: what the uploaded SDL declares, resolved and checked, in the
 * terms every later stage needs (generated API names, storage predicates,
 * search indexes, identity fields, inverse edges). Built once per upload;
 * immutable afterwards, so a request holds on to the model it started with.
 */
import type {
  DefinitionNode,
  DirectiveNode,
  EnumTypeDefinitionNode,
  EnumTypeExtensionNode,
  FieldDefinitionNode,
  InterfaceTypeDefinitionNode,
  InterfaceTypeExtensionNode,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
  UnionTypeDefinitionNode,
  UnionTypeExtensionNode,
} from 'graphql';
import type { SourcePosition } from '../sdl/errors.js';
import type { Template } from './custom/template.js';
import type { SearchIndex } from './search.js';

/**
 * What a stored value holds: the built-in scalars of Dgraph's GraphQL, and
 * its geometry types, which are objects to GraphQL but single values to
 * Dgraph (one `geo` predicate), stored as their GraphQL shape.
 */
export type ScalarName = 'ID' | 'String' | 'Int' | 'Int64' | 'Float' | 'Boolean' | 'DateTime' | GeoName;

export type GeoName = 'Point' | 'Polygon' | 'MultiPolygon';

/** How similarity queries rank an `@embedding` field's vectors (model/vectors.ts; Dgraph's default: euclidean). */
export type VectorMetric = 'euclidean' | 'cosine' | 'dotproduct';

/** Index names of `@search(by: [...])` that authline serves, as Dgraph spells them (search.ts). */
export type { SearchIndex } from './search.js';

/** What a field holds. `id` is the type's single `ID` field (the node's uid). */
export type FieldKind = 'id' | 'scalar' | 'enum' | 'object' | 'interface' | 'union';

export interface TypeRef {
  /** Named type: a scalar, enum, object type, interface or union. */
  readonly name: string;
  readonly list: boolean;
  /** `T!` or `[T]!` */
  readonly nonNull: boolean;
  /** `[T!]` */
  readonly itemNonNull: boolean;
}

export interface FieldDef {
  readonly name: string;
  /** The object type or interface that declares the field (interface fields keep the interface). */
  readonly declaredIn: string;
  readonly type: TypeRef;
  readonly kind: FieldKind;
  /** For `scalar`/`id` fields: the scalar (or geometry type); for enums: 'String' (enums are stored as strings). */
  readonly scalar?: ScalarName;
  /**
   * Storage predicate, as Dgraph names it: `Type.field` (with the
   * `@dgraph(type:)` name as prefix when given), `Interface.field` for fields
   * declared by an interface, or the `@dgraph(pred: ...)` value. For a reverse
   * field (`@dgraph(pred: "~p")`) it is the forward predicate `p`, with
   * `reverse` set; for the ID field it is `uid`.
   */
  readonly predicate: string;
  /** `@dgraph(pred: "~p")`: the field reads the incoming edges of predicate `p`. */
  readonly reverse: boolean;
  /** Effective indexes authline searches by (explicit `@search`, its defaults, and the hash an `@id` implies). */
  readonly search: readonly SearchIndex[];
  /**
   * Every effective index, sorted as Dgraph sorts them, when some are not in
   * `search` (ngram, geo): the API offers their filters as Dgraph does, and
   * a request that uses one is refused, naming the function.
   */
  readonly declaredSearch?: readonly string[];
  /**
   * `@id`: unique external identifier. Also set for the `ID` field of an
   * Apollo `@extends` type that is its `@key` and `@external`: Dgraph stores
   * that one as a string (kind 'scalar', scalar 'ID'), not as the node's uid.
   */
  readonly xid: boolean;
  /** `@id(interface: true)`: unique across all implementers of the declaring interface. */
  readonly xidInterface: boolean;
  /** `@hasInverse(field: f)` (given on either side): the partner field on the target type. */
  readonly inverse?: string;
  /**
   * Not stored here, so never in inputs, filters or SQL: `custom` and
   * `lambda` (resolved by a remote call, see `custom`), `external` (Apollo:
   * another service's field).
   */
  readonly unsupported?: string;
  /** `@custom(http: ...)` or `@lambda`: how the field is fetched. */
  readonly custom?: CustomSpec;
  /**
   * `@default(add: {value: "..."}, update: {value: "..."})`: the value a
   * mutation writes when the input leaves the field out, as Dgraph spells it
   * (a string; `"$now"` means the current time for DateTime fields).
   */
  readonly defaults?: { readonly add?: string; readonly update?: string };
  /**
   * `@embedding` (a `[Float!]` field): one vector per node, written and read
   * whole, which the type's similarity queries rank nodes by (model/vectors.ts).
   */
  readonly embedding?: {
    readonly metric: VectorMetric;
    /** `@search(by: ["hnsw..."])`: Dgraph indexes the vectors, and so refuses one of another length than those stored. */
    readonly indexed: boolean;
  };
  readonly loc: SourcePosition;
  /** The definition in the upload (for an inherited field: the interface's), as graphql-js keeps `astNode`. */
  readonly astNode?: FieldDefinitionNode;
}

/** `remote:local` in `forwardHeaders`/`secretHeaders`/`introspectionHeaders` (`name` alone: both). */
export interface HeaderMapping {
  /** The header sent to the remote endpoint. */
  readonly remote: string;
  /** The incoming request header (forwardHeaders) or the `# Dgraph.Secret` name. */
  readonly local: string;
}

/** `@custom(http: {graphql: "query($id: ID!) { user(id: $id) }"})`, read at upload. */
export interface RemoteGraphql {
  /** The operation as written; the caller's selection is appended per request. */
  readonly text: string;
  readonly operation: 'query' | 'mutation';
  /** The remote root field whose value answers the field. */
  readonly field: string;
  /** BATCH mode: the variable that carries the list of parents. */
  readonly batchVariable?: string;
}

/**
 * A field resolved by an HTTP call: `@custom(http: ...)` as written, or the
 * `@custom` Dgraph builds for `@lambda` (POST to the lambda server, a body of
 * the arguments or the parent's scalar fields, BATCH on fields of types).
 */
export interface CustomSpec {
  readonly lambda: boolean;
  /** The URL template ('' for `@lambda`: the server's `--lambda-url`). */
  readonly url: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: Template;
  readonly graphql?: RemoteGraphql;
  readonly mode: 'SINGLE' | 'BATCH';
  readonly forwardHeaders: readonly HeaderMapping[];
  readonly secretHeaders: readonly HeaderMapping[];
  readonly introspectionHeaders: readonly HeaderMapping[];
  readonly skipIntrospection: boolean;
  /** On fields of types: the parent's fields the request uses (its ID or `@id` field among them). */
  readonly parentFields: readonly string[];
  /** Where the directive is (for messages from the remote schema check). */
  readonly loc: SourcePosition;
}

/** A `Query`/`Mutation` field of the upload, with `@custom` or `@lambda`. */
export interface CustomRootField {
  readonly name: string;
  readonly operation: 'query' | 'mutation';
  readonly type: TypeRef;
  readonly custom: CustomSpec;
  readonly loc: SourcePosition;
  readonly astNode: FieldDefinitionNode;
}

export interface GenerateOptions {
  readonly query: { readonly get: boolean; readonly query: boolean; readonly password: boolean; readonly aggregate: boolean };
  readonly mutation: { readonly add: boolean; readonly update: boolean; readonly delete: boolean };
  /**
   * The type's get, query and aggregate fields are also `Subscription` fields:
   * `@withSubscription` on the type, or `@generate(subscription: true)` (as in
   * Dgraph, either one is enough).
   */
  readonly subscription: boolean;
}

export interface TypeDef {
  readonly name: string;
  readonly kind: 'object' | 'interface';
  /** Interfaces this type implements directly or through other interfaces, declaration order. */
  readonly interfaces: readonly string[];
  /** For interfaces: the object types implementing it. For objects: just the type itself. */
  readonly implementations: readonly string[];
  /** All fields, inherited interface fields included, in declaration order. */
  readonly fields: readonly FieldDef[];
  readonly fieldMap: ReadonlyMap<string, FieldDef>;
  /** The `ID` field, if any. */
  readonly idField?: FieldDef;
  /** The `@id` fields, declaration order. */
  readonly xidFields: readonly FieldDef[];
  /** `@secret(field: "pwd")`: the password field name (never readable, only checkTPassword). */
  readonly secretField?: string;
  /** Storage predicate of the password: `@secret(pred: ...)`, else `Type.pwd` (`Interface.pwd` when inherited). */
  readonly secretPredicate?: string;
  /** `dgraph.type` value stored for nodes of this type (`@dgraph(type: ...)` or the name). */
  readonly dgraphType: string;
  readonly generate: GenerateOptions;
  /** The raw `@auth` directive, for the rules stage (absent when none). */
  readonly authDirective?: DirectiveNode;
  /** Apollo federation: `@extends` types get no add mutation in Dgraph, `@key` fields, ... */
  readonly federation?: { readonly key?: string; readonly extends: boolean };
  readonly loc: SourcePosition;
  readonly astNode?: ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;
}

export interface UnionDef {
  readonly name: string;
  readonly members: readonly string[];
  readonly loc: SourcePosition;
  readonly astNode?: UnionTypeDefinitionNode | UnionTypeExtensionNode;
}

export interface EnumDef {
  readonly name: string;
  readonly values: readonly string[];
  readonly loc: SourcePosition;
  /** Keeps descriptions and `@deprecated` of the values for the generated API. */
  readonly astNode?: EnumTypeDefinitionNode | EnumTypeExtensionNode;
}

export interface SchemaModel {
  /** Object types and interfaces, declaration order. */
  readonly types: ReadonlyMap<string, TypeDef>;
  readonly unions: ReadonlyMap<string, UnionDef>;
  readonly enums: ReadonlyMap<string, EnumDef>;
  /** `@custom`/`@lambda` fields of `Query` and `Mutation`, declaration order. */
  readonly customRoots: readonly CustomRootField[];
  /** Definitions only remote calls use (`@remote` types, inputs): printed in the API as written, never stored. */
  readonly remoteDefinitions: readonly RemoteDefinition[];
  /** `@lambdaOnMutate`: the types whose add/update/delete send a webhook event. */
  readonly webhooks: ReadonlyMap<string, { readonly add: boolean; readonly update: boolean; readonly delete: boolean }>;
}

export interface RemoteDefinition {
  readonly name: string;
  readonly loc: SourcePosition;
  readonly node: DefinitionNode;
}
