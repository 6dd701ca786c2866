/**
 * What a request's token means for the generated operations. Dgraph reads
 * the token lazily in every root field, so a bad token fails each field on its
 * own; authline verifies once per request (verified tokens are cached too)
 * and lets each root field ask the same questions.
 */
import type { AuthPolicy } from '../rules/policy.js';
import type { CompiledRules } from '../rules/index.js';
import { TOKEN_REQUIRED_MESSAGE } from '../verifier/index.js';
import type { Claims, RequestHeaders, Verifier } from '../verifier/types.js';

type TokenState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'valid'; readonly claims: Claims }
  | { readonly kind: 'invalid'; readonly reason: string };

export class RequestAuth {
  #policy: AuthPolicy | undefined;

  constructor(
    private readonly token: TokenState,
    private readonly rules: CompiledRules,
    private readonly closedByDefault: boolean,
  ) {}

  /**
   * Why generated operations may not run at all for this request: an invalid
   * token (never treated as anonymous), or no token under ClosedByDefault.
   */
  refusal(): string | undefined {
    if (this.token.kind === 'invalid') return this.token.reason;
    if (this.token.kind === 'absent' && this.closedByDefault) return TOKEN_REQUIRED_MESSAGE;
    return undefined;
  }

  /** The claims' decisions for every type and operation (memoised inside the policy). */
  policy(): AuthPolicy {
    this.#policy ??= this.rules.policyFor(this.token.kind === 'valid' ? this.token.claims : null);
    return this.#policy;
  }
}

/** Thrown for a malformed Bearer value: Dgraph fails the whole request before execution. */
export class RequestRejected extends Error {
  override readonly name = 'RequestRejected';
}

/**
 * Reads and verifies the request's token. Without an auth line tokens are
 * never read and every claim is missing, as in Dgraph.
 */
export async function readRequestAuth(
  verifier: Verifier | null,
  headers: RequestHeaders,
  rules: CompiledRules,
  closedByDefault: boolean,
): Promise<RequestAuth> {
  if (verifier === null) return new RequestAuth({ kind: 'absent' }, rules, false);
  let token: string | undefined;
  try {
    token = verifier.tokenFrom(headers);
  } catch (error) {
    throw new RequestRejected(messageOf(error));
  }
  if (token === undefined) return new RequestAuth({ kind: 'absent' }, rules, closedByDefault);
  try {
    const claims = await verifier.verify(token);
    return new RequestAuth({ kind: 'valid', claims }, rules, closedByDefault);
  } catch (error) {
    return new RequestAuth({ kind: 'invalid', reason: messageOf(error) }, rules, closedByDefault);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
