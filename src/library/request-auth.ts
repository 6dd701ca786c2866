/**
 * One request's token, read and verified once (verified tokens are cached
 * by the verifier too), and the decisions its claims lead to, memoised.
 * A bad token is never an exception here: it becomes the reason every root
 * field fails, as Dgraph fails each one on its own.
 */
import type { AuthOperation } from '../rules/policy.js';
import { TokenMissingError, type AuthTokenError } from '../verifier/errors.js';
import { readToken } from '../verifier/read-token.js';
import type { Claims, RequestHeaders, Verifier } from '../verifier/types.js';
import type { LibraryRules } from './library-rules.js';
import type { AuthContext } from './types.js';

export class RequestAuth implements AuthContext {
  readonly #rules: LibraryRules;
  readonly #decisions = new Map<string, boolean>();

  constructor(
    readonly claims: Claims | null,
    readonly error: AuthTokenError | null,
    rules: LibraryRules,
  ) {
    this.#rules = rules;
  }

  allows(type: string, operation: AuthOperation): boolean {
    if (this.error) return false;
    const key = `${operation} ${type}`;
    let allowed = this.#decisions.get(key);
    if (allowed === undefined) {
      allowed = this.#rules.allows(type, operation, this.claims);
      this.#decisions.set(key, allowed);
    }
    return allowed;
  }

  /** Whether this came from the Authline instance holding `rules` (a plain object never passes). */
  static isFrom(value: unknown, rules: LibraryRules): value is RequestAuth {
    return value instanceof RequestAuth && value.#rules === rules;
  }
}

/**
 * Without an auth line tokens are never read and every claim is missing,
 * as in Dgraph.
 */
export async function readRequestAuth(
  verifier: Verifier | null,
  headers: RequestHeaders,
  rules: LibraryRules,
  closedByDefault: boolean,
): Promise<RequestAuth> {
  if (verifier === null) return new RequestAuth(null, null, rules);
  const outcome = await readToken(verifier, headers);
  switch (outcome.kind) {
    case 'absent':
      return new RequestAuth(null, closedByDefault ? new TokenMissingError() : null, rules);
    case 'valid':
      return new RequestAuth(outcome.claims, null, rules);
    case 'invalid':
      return new RequestAuth(null, outcome.error, rules);
  }
}
