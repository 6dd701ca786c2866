/**
 * One request's auth, for the engine and library mode alike: the token read
 * and verified once (the verifier caches verified tokens too), why the
 * request's root fields may not run, and what the claims decide, memoised.
 * Dgraph reads the token in every root field, so a bad token fails each
 * field on its own; here it is read once and every root field asks the same
 * questions.
 *
 * Frozen (the verifier freezes the claims too): library mode hands it to
 * resolvers (`context.authline`), and a resolver that assigns or edits
 * claims must not change what later fields of the request decide.
 */
import { TokenMissingError, type AuthTokenError } from '../verifier/errors.js';
import { readToken, type TokenOutcome } from '../verifier/read-token.js';
import type { Claims, RequestHeaders, Verifier } from '../verifier/types.js';
import type { AuthOperation } from './policy.js';

/** How a schema with an auth line reads tokens (null: no line, so tokens are never read). */
export interface TokenReading {
  readonly verifier: Verifier;
  /** ClosedByDefault: a request without a token may run no root field. */
  readonly closedByDefault: boolean;
}

/** Rules that turn one request's claims (null: no valid token) into its decisions. */
export interface PolicySource<Policy> {
  policyFor(claims: Claims | null): Policy;
}

/** What came of the token: none read (no auth line), none sent, a valid one, a refused one. */
export type TokenStatus = 'unread' | TokenOutcome['kind'];

export class RequestAuth<Policy> {
  readonly #token: TokenStatus;
  readonly #claims: Claims | null;
  readonly #error: AuthTokenError | null;
  readonly #rules: PolicySource<Policy>;
  #policy: Policy | undefined;

  private constructor(token: TokenStatus, claims: Claims | null, error: AuthTokenError | null, rules: PolicySource<Policy>) {
    this.#token = token;
    this.#claims = claims;
    this.#error = error;
    this.#rules = rules;
    Object.freeze(this);
  }

  /**
   * Reads and verifies the request's token. Without an auth line tokens are
   * never read and every claim is missing, as in Dgraph. A bad token is not
   * an exception here: it becomes `error`.
   */
  static async read<Policy>(
    reading: TokenReading | null,
    headers: RequestHeaders,
    rules: PolicySource<Policy>,
  ): Promise<RequestAuth<Policy>> {
    if (reading === null) return new RequestAuth('unread', null, null, rules);
    const outcome = await readToken(reading.verifier, headers);
    switch (outcome.kind) {
      case 'absent':
        return new RequestAuth('absent', null, reading.closedByDefault ? new TokenMissingError() : null, rules);
      case 'valid':
        return new RequestAuth('valid', outcome.claims, null, rules);
      case 'invalid':
        return new RequestAuth('invalid', null, outcome.error, rules);
    }
  }

  /** What came of the request's token (a missing one under ClosedByDefault is 'absent', with `error` set). */
  get token(): TokenStatus {
    return this.#token;
  }

  /** The verified token's claims (namespace merged in); null without a valid token. */
  get claims(): Claims | null {
    return this.#claims;
  }

  /**
   * Why no root field may run, in Dgraph's words and with a stable `code`:
   * the token failed verification (never treated as anonymous), none came
   * under ClosedByDefault (JWT_MISSING), or the Bearer value is malformed
   * (JWT_BEARER_MALFORMED: Dgraph fails the whole request). Null otherwise.
   */
  get error(): AuthTokenError | null {
    return this.#error;
  }

  /** The claims' decisions, made once per request. */
  policy(): Policy {
    this.#policy ??= this.#rules.policyFor(this.#claims);
    return this.#policy;
  }
}

/** `decide` remembered per type and operation (or any other key), for the life of one request. */
export function memoised<Decision, Operation extends string = AuthOperation>(
  decide: (type: string, operation: Operation) => Decision,
): (type: string, operation: Operation) => Decision {
  const memo = new Map<string, Decision>();
  return (type, operation) => {
    const key = `${operation} ${type}`;
    let decision = memo.get(key);
    if (decision === undefined) {
      decision = decide(type, operation);
      memo.set(key, decision);
    }
    return decision;
  };
}
