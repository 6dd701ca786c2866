/**
 * What a request's token means for the generated operations. Dgraph reads
 * the token lazily in every root field, so a bad token fails each field on its
 * own; authline verifies once per request (verified tokens are cached too)
 * and lets each root field ask the same questions.
 */
import type { AuthOperation, AuthPolicy } from '../rules/policy.js';
import type { CompiledRules } from '../rules/index.js';
import { BearerFormatError, TOKEN_REQUIRED_MESSAGE } from '../verifier/errors.js';
import { readToken, type TokenOutcome } from '../verifier/read-token.js';
import type { RequestHeaders, Verifier } from '../verifier/types.js';
import type { EngineObserver } from './observer.js';

export class RequestAuth {
  #policy: AuthPolicy | undefined;
  /** `Type.operation` pairs already reported refused in this request. */
  readonly #denied = new Set<string>();

  constructor(
    private readonly token: TokenOutcome,
    private readonly rules: CompiledRules,
    private readonly closedByDefault: boolean,
    private readonly observer: EngineObserver = {},
  ) {}

  /** The request carries a valid token. */
  get authenticated(): boolean {
    return this.token.kind === 'valid';
  }

  /**
   * Why generated operations may not run at all for this request: an invalid
   * token (never treated as anonymous), or no token under ClosedByDefault.
   */
  refusal(): string | undefined {
    if (this.token.kind === 'invalid') return this.token.error.message;
    if (this.token.kind === 'absent' && this.closedByDefault) return TOKEN_REQUIRED_MESSAGE;
    return undefined;
  }

  /** The claims' decisions for every type and operation (memoised inside the policy); each deny is reported. */
  policy(): AuthPolicy {
    this.#policy ??= this.#reportingDenials(this.rules.policyFor(this.token.kind === 'valid' ? this.token.claims : null));
    return this.#policy;
  }

  /** Tells the observer, once per request, that `type` was refused for `operation`. */
  denied(type: string, operation: AuthOperation): void {
    const key = `${type}.${operation}`;
    if (!this.observer.accessDenied || this.#denied.has(key)) return;
    this.#denied.add(key);
    this.observer.accessDenied(type, operation);
  }

  #reportingDenials(policy: AuthPolicy): AuthPolicy {
    if (!this.observer.accessDenied) return policy;
    return {
      decide: (type, operation) => {
        const decision = policy.decide(type, operation);
        if (decision.kind === 'deny') this.denied(type, operation);
        return decision;
      },
      hasRule: (type, operation) => policy.hasRule(type, operation),
    };
  }
}

/**
 * Reads and verifies the request's token. Without an auth line tokens are
 * never read and every claim is missing, as in Dgraph. A malformed Bearer
 * value comes back as its error: Dgraph fails the whole request before
 * execution.
 */
export async function readRequestAuth(
  verifier: Verifier | null,
  headers: RequestHeaders,
  rules: CompiledRules,
  closedByDefault: boolean,
  observer: EngineObserver = {},
): Promise<RequestAuth | BearerFormatError> {
  if (verifier === null) return new RequestAuth({ kind: 'absent' }, rules, false, observer);
  const outcome = await readToken(verifier, headers);
  observer.tokenRead?.(outcome.kind, outcome.kind === 'invalid' ? outcome.error.code : undefined);
  if (outcome.kind === 'invalid' && outcome.error instanceof BearerFormatError) return outcome.error;
  return new RequestAuth(outcome, rules, closedByDefault, observer);
}
