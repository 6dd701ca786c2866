/**
 * The type model: what the uploaded SDL declares, resolved and checked, in the
 * terms every later stage needs (generated API names, storage predicates,
 * search indexes, identity fields, inverse edges). Built once per upload;
 * immutable afterwards, so a request holds on to the model it started with.
 */
import type {
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
import type { SearchIndex } from './search.js';

/** Built-in scalars of Dgraph's GraphQL (geo types are not supported yet). */
export type ScalarName = 'ID' | 'String' | 'Int' | 'Int64' | 'Float' | 'Boolean' | 'DateTime';

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
  /** For `scalar`/`id` fields: the scalar; for enums: 'String' (enums are stored as strings). */
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
  /** Effective indexes (explicit `@search`, its defaults, and the hash an `@id` implies). */
  readonly search: readonly SearchIndex[];
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
  /** Field has a directive authline accepts but does not implement (`@custom`, `@lambda`, ...). */
  readonly unsupported?: string;
  /**
   * `@default(add: {value: "..."}, update: {value: "..."})`: the value a
   * mutation writes when the input leaves the field out, as Dgraph spells it
   * (a string; `"$now"` means the current time for DateTime fields).
   */
  readonly defaults?: { readonly add?: string; readonly update?: string };
  readonly loc: SourcePosition;
  /** The definition in the upload (for an inherited field: the interface's), as graphql-js keeps `astNode`. */
  readonly astNode?: FieldDefinitionNode;
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
}
