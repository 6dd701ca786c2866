/**
 * Typed store errors. `message` is the innermost text, as Dgraph produces it;
 * `messagesFor(field)` gives the full texts Dgraph reports for root field
 * `field` (one GraphQL error each), wrapped the way Dgraph wraps them. The
 * engine decides what a client sees: like Dgraph it hides texts containing
 * "authorization failed" or starting with "GraphQL debug:" unless in debug mode.
 */

export class StoreError extends Error {
  override readonly name: string = 'StoreError';

  /** The texts Dgraph reports for this failure of root field `field`. */
  messagesFor(field: string): string[] {
    void field;
    return [this.message];
  }
}

/**
 * An @auth rule refused a mutation. `newNodes`: a node created by the
 * mutation fails its type's add rule (checked after writing, inside the
 * transaction). `reference`: re-pointing a singular @hasInverse edge would
 * change a node that fails its type's update rule.
 */
export class AuthorizationError extends StoreError {
  override readonly name = 'AuthorizationError';

  constructor(readonly stage: 'newNodes' | 'reference') {
    super('authorization failed');
  }

  override messagesFor(field: string): string[] {
    return this.stage === 'newNodes'
      ? ['mutation failed because authorization failed']
      : [`couldn't rewrite query for mutation ${field} because authorization failed`];
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

  constructor(readonly reasons: readonly string[]) {
    super(reasons.join('\n'));
  }

  override messagesFor(field: string): string[] {
    return this.reasons.map((reason) => `couldn't rewrite mutation ${field} because failed to rewrite mutation payload because ${reason}`);
  }
}

/** The mutation was refused while running ("only one node is allowed in the filter ..."). */
export class MutationFailedError extends StoreError {
  override readonly name = 'MutationFailedError';

  override messagesFor(field: string): string[] {
    return [`mutation ${field} failed because ${this.message}`];
  }
}

/** A value that cannot be converted to its field's type (e.g. a JWT claim bound to a rule variable). */
export class ValueError extends StoreError {
  override readonly name = 'ValueError';

  override messagesFor(field: string): string[] {
    return [`couldn't rewrite query ${field} because ${this.message}`];
  }
}

/** Import data that cannot be loaded; nothing was written. */
export class ImportError extends StoreError {
  override readonly name = 'ImportError';
}
