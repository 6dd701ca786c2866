/**
 * Typed store errors. `message` is the innermost text, as Dgraph produces it
 * ("id tweet1 already exists for field id inside type Tweets"); how Dgraph
 * wraps it for a root field ("couldn't rewrite mutation addTweets because
 * ...") is the engine's (src/engine/dgraph-errors.ts), as is hiding texts
 * that contain "authorization failed" or start with "GraphQL debug:" unless
 * in debug mode. Each error has a stable `code` (docs/http.md).
 */

export type StoreErrorCode =
  | 'STORE_UNAVAILABLE' | 'AUTH_DENIED' | 'MUTATION_INPUT_INVALID' | 'MUTATION_FAILED' | 'BAD_USER_INPUT' | 'IMPORT_INVALID'
  | 'QUERY_EDGE_LIMIT';

/** A failure of the store; subclasses name which. The base class's code: the store cannot serve (its data directory is in use...). */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  readonly code: StoreErrorCode = 'STORE_UNAVAILABLE';
}

/** A field's rule that refused a mutation: the input gave `type.field` a value (or removed it) where its rule does not hold. */
export interface DeniedField {
  readonly type: string;
  readonly field: string;
  readonly operation: 'add' | 'update';
}

/**
 * An @auth rule refused a mutation. `newNodes`: a node created by the
 * mutation fails its type's add rule, or the add rule of a field it was
 * given (checked after writing, inside the transaction). `reference`:
 * re-pointing a singular @hasInverse edge would change a node that fails its
 * type's update rule. `update`: the mutation sets or removes a field on a
 * node where the field's update rule does not hold (checked before writing).
 * `fields` names the field rules that refused, if any.
 */
export class AuthorizationError extends StoreError {
  override readonly name = 'AuthorizationError';
  override readonly code = 'AUTH_DENIED';

  constructor(
    readonly stage: 'newNodes' | 'reference' | 'update',
    readonly fields: readonly DeniedField[] = [],
  ) {
    super('authorization failed');
  }
}

/**
 * The mutation's input does not fit the data: a duplicate @id, a reference to
 * a node that does not exist, a new node lacking a required value, ... One
 * reason per problem, Dgraph's texts ("id tweet1 already exists for field id
 * inside type Tweets").
 */
export class MutationInputError extends StoreError {
  override readonly name = 'MutationInputError';
  override readonly code = 'MUTATION_INPUT_INVALID';

  constructor(readonly reasons: readonly string[]) {
    super(reasons.join('\n'));
  }
}

/** The mutation was refused while running ("only one node is allowed in the filter ..."). */
export class MutationFailedError extends StoreError {
  override readonly name = 'MutationFailedError';
  override readonly code = 'MUTATION_FAILED';
}

/**
 * A concurrent mutation committed a node holding an @id value this one
 * looked up, between its lookup and its write: the transaction is rolled
 * back and the mutation run again (store/run.ts), now seeing that node.
 * Never reaches a client: after repeated retries it becomes a MutationFailedError.
 */
export class StaleLookupError extends StoreError {
  override readonly name = 'StaleLookupError';
  override readonly code = 'MUTATION_FAILED';

  constructor() {
    super('concurrent mutations kept creating the @id values this mutation refers to; nothing was written, try again');
  }
}

/** A value that cannot be converted to its field's type (e.g. a JWT claim bound to a rule variable). */
export class ValueError extends StoreError {
  override readonly name = 'ValueError';
  override readonly code = 'BAD_USER_INPUT';
}

/**
 * A similarity query Dgraph's executor refuses (a vector of another length
 * than the stored ones, a bad `ef` or `distance_threshold`), in its words:
 * the engine answers "Dgraph query failed because " and this message.
 */
export class VectorSearchError extends StoreError {
  override readonly name = 'VectorSearchError';
  override readonly code = 'BAD_USER_INPUT';

  constructor(reason: string) {
    super(`Dgraph execution failed because ${reason}`);
  }
}

/** Import data that cannot be loaded; nothing was written. */
export class ImportError extends StoreError {
  override readonly name = 'ImportError';
  override readonly code = 'IMPORT_INVALID';
}

/**
 * The request would return more nodes than its query edge limit, all root
 * fields together (Dgraph's `--limit query-edge`); the statement that passed
 * it was stopped in the database and returned nothing.
 */
export class QueryEdgeLimitError extends StoreError {
  override readonly name = 'QueryEdgeLimitError';
  override readonly code = 'QUERY_EDGE_LIMIT';

  constructor(readonly limit: number) {
    // Dgraph's words for its own limit, then which nodes count and how to stay under it.
    super(`Exceeded query edge limit = ${limit}. The request returns more than ${limit} nodes, all root fields together; ask for fewer with first or a narrower filter`);
  }
}
