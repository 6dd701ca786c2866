/**
 * What the auth engine hands the store: for one request (one set of claims),
 * the decision for each concrete type and operation. The store knows nothing
 * of rules, JWTs or claims; it only turns a `filter` decision into its own
 * predicate. Decisions use Kleene three-valued logic, which maps one-to-one
 * onto SQL's NULL: a residual is true, false or unknown per node, and only
 * nodes for which it is true pass.
 */
import type { NodeQuery } from '../plan/types.js';

/** Operations an `@auth` directive governs. */
export type AuthOperation = 'query' | 'add' | 'update' | 'delete' | 'password';

/**
 * Operations an `@auth` on a field governs: who reads the field's value, who
 * gives it a value on a new node, who changes it on an existing one. Whole
 * nodes are deleted, and passwords are checked, by their type's rules alone.
 */
export type FieldAuthOperation = 'query' | 'add' | 'update';

/** The part of a rule the claims alone could not decide. */
export type Residual =
  | { readonly kind: 'and'; readonly items: readonly Residual[] }
  | { readonly kind: 'or'; readonly items: readonly Residual[] }
  | { readonly kind: 'not'; readonly item: Residual }
  /** Kleene unknown (SQL NULL): e.g. a graph rule whose claim variable is missing. */
  | { readonly kind: 'unknown' }
  /**
   * Graph-traversal rule with its variables bound: the node passes iff it is
   * in the answer of `query` read with cascade semantics, ignoring order and
   * paging. The query runs with full visibility (no auth inside a rule).
   */
  | { readonly kind: 'reach'; readonly query: NodeQuery };

export type Decision =
  | { readonly kind: 'allow' }
  | { readonly kind: 'deny' }
  | { readonly kind: 'filter'; readonly residual: Residual };

export interface AuthPolicy {
  /**
   * The decision for nodes of concrete object type `type` under `operation`
   * (interface rules already merged in). Cheap to call repeatedly: memoised
   * per request.
   */
  decide(type: string, operation: AuthOperation): Decision;
  /**
   * Whether `type` has any rule for `operation` (Dgraph hides existence
   * errors behind "GraphQL debug:" when the type has a query rule).
   */
  hasRule(type: string, operation: AuthOperation): boolean;
  /**
   * The decision for field `field` of nodes of concrete object type `type`
   * under `operation` (the field's own rule AND those the interfaces declaring
   * it give it); allow when it has none. The type's own decision is apart:
   * both must hold. Memoised per request like `decide`.
   */
  decideField(type: string, field: string, operation: FieldAuthOperation): Decision;
  /** The fields of concrete object type `type` that have a rule for `operation`, in declaration order. */
  ruledFields(type: string, operation: FieldAuthOperation): readonly string[];
}

/** Full visibility: imports, admin reads, and the traversal inside a rule. */
export const ALLOW_ALL: AuthPolicy = {
  decide: () => ({ kind: 'allow' }),
  hasRule: () => false,
  decideField: () => ({ kind: 'allow' }),
  ruledFields: () => [],
};
