/**
 * The compiled form of `@auth`: plain data, checked at upload, that knows
 * nothing of claims, SQL or the store. One tree per type and operation.
 */
import type { DocumentNode } from 'graphql';
import type { RE2JS } from 're2js';
import type { Value } from '../plan/types.js';
import type { AuthOperation, FieldAuthOperation } from './policy.js';

/** The operations of `@auth(...)`, in the order Dgraph reads (and reports) them. */
export const AUTH_OPERATIONS: readonly AuthOperation[] = ['password', 'query', 'add', 'update', 'delete'];

export type RbacOperator = 'eq' | 'in' | 'regexp';

/** `{$VAR: {op: operand}}`: decided by the claims alone. */
export interface RbacRule {
  readonly kind: 'rbac';
  /** The rule text as written. */
  readonly source: string;
  /** Claim name, without the `$`. */
  readonly variable: string;
  readonly operator: RbacOperator;
  /** Never null; an array for `in`, a string for `regexp`, anything else for `eq`. */
  readonly operand: Value;
  /** For `regexp`: the RE2 pattern, compiled once at upload. */
  readonly pattern?: RE2JS;
}

/**
 * A GraphQL query over the generated API: a node passes if the query, read
 * with cascade semantics, reaches it. Validated at upload.
 */
export interface GraphRule {
  readonly kind: 'graph';
  /** The rule text as written. */
  readonly source: string;
  /** Exactly one query operation with one root field `query<Type>`. */
  readonly document: DocumentNode;
  /** Variables the operation declares, bound from the claims of the same names. */
  readonly variables: readonly string[];
}

export type Rule =
  | { readonly kind: 'and'; readonly items: readonly Rule[] }
  | { readonly kind: 'or'; readonly items: readonly Rule[] }
  | { readonly kind: 'not'; readonly item: Rule }
  | RbacRule
  | GraphRule;

/** One `@auth` directive: the rule of each operation it names. */
export type TypeRules = Readonly<Partial<Record<AuthOperation, Rule>>>;

/** The operations an `@auth` on a field may name, in Dgraph's reading order. */
export const FIELD_AUTH_OPERATIONS: readonly FieldAuthOperation[] = ['query', 'add', 'update'];

/** The `@auth` directives on the fields of one type or interface, by field name. */
export type FieldRules = ReadonlyMap<string, TypeRules>;
