/**
 * "Why was I denied?": the explanation a request gets in
 * `extensions.authline.explain` under `--debug`, or when the admin asks
 * for it (docs/enforcement.md#why-was-i-denied). What came of the token and
 * where it was read, the names of its claims, every rule the operation
 * touched with its verdict, and warnings about the usual mistakes (a
 * missing namespace, a claim name in the wrong case, the token in the wrong
 * header, a variable no claim provides). Names only, never a claim's value.
 */
import type { AuthConfig } from '../authline/types.js';
import type { AuthPolicy, RequestAuth, RuleVerdict, RuleVerdicts } from '../rules/index.js';
import { claimNames, tokenPlace, type RequestHeaders, type Verifier } from '../verifier/index.js';

export interface Explain {
  readonly token: {
    readonly status: 'absent' | 'valid' | 'invalid';
    readonly reason: string;
    /** `header X-Auth` or `cookie tok`; null when the request carries no token. */
    readonly source: string | null;
    readonly claims: { readonly namespace: readonly string[]; readonly root: readonly string[] };
  };
  readonly rules: readonly RuleVerdict[];
  readonly warnings: readonly string[];
}

/** What an explanation is made of: the line, the request, what its auth decided. */
export interface ExplainInput {
  readonly config: AuthConfig | null;
  readonly verifier: Verifier | null;
  readonly headers: RequestHeaders;
  readonly auth: RequestAuth<AuthPolicy>;
  readonly verdicts: RuleVerdicts;
}

export function explainRequest(input: ExplainInput): Explain {
  const { config, auth } = input;
  const source = config === null ? null : tokenPlace(input.headers, config.header, config.cookie);
  const names = auth.token === 'valid' && config !== null ? namesOf(input, config) : undefined;
  const token: Explain['token'] = {
    status: auth.token === 'unread' ? 'absent' : auth.token,
    reason: tokenReason(input),
    source,
    claims: { namespace: names?.namespace ?? [], root: names?.root ?? [] },
  };
  const warnings = [
    ...(config !== null && names !== undefined && !names.hasNamespace
      ? [`the token has no "${config.namespace}" claim (the line's Namespace): rules read only its top-level claims`]
      : []),
    ...headerWarnings(input),
    ...variableWarnings(input),
  ];
  return { token, rules: input.verdicts.entries, warnings };
}

function tokenReason({ config, auth }: ExplainInput): string {
  if (config === null) return 'the schema has no # Dgraph.Authorization line, so no token is read and every rule variable is missing';
  switch (auth.token) {
    case 'valid':
      return 'the token verified: rules read its claims';
    case 'invalid':
      return `the token was refused (${auth.error?.code}): ${auth.error?.message}`;
    default: {
      const where = `header ${config.header}${config.cookie === undefined ? '' : ` or cookie ${config.cookie}`}`;
      return auth.error !== null
        ? `no token in ${where}, and the line is ClosedByDefault (${auth.error.code}): every root field is refused`
        : `no token in ${where}: every rule variable is missing`;
    }
  }
}

function namesOf({ verifier, headers }: ExplainInput, config: AuthConfig) {
  const token = verifier?.tokenFrom(headers);
  return token === undefined ? undefined : claimNames(token, config.namespace);
}

function headerWarnings({ config, headers }: ExplainInput): string[] {
  if (config === null || config.header.toLowerCase() === 'authorization' || headers.authorization === undefined) return [];
  return [`the request has an Authorization header, but the schema reads the token from the ${config.header} header`];
}

/** Variables of the touched rules (that did not hold) that no claim provides, or that a claim spells in another case. */
function variableWarnings({ auth, verdicts }: ExplainInput): string[] {
  const claims = auth.claims;
  if (claims === null) return [];
  const present = Object.keys(claims);
  const warnings: string[] = [];
  for (const [variable, places] of verdicts.unmetVariables()) {
    if (Object.hasOwn(claims, variable) && claims[variable] !== null) continue;
    const lookalike = present.find((name) => name !== variable && name.toLowerCase() === variable.toLowerCase());
    warnings.push(
      lookalike !== undefined
        ? `the token's claim "${lookalike}" differs only in case from the rule variable $${variable} (${places.join(', ')}): claim names are case-sensitive`
        : `no claim of the token provides the rule variable $${variable} (${places.join(', ')}): the rule reads it as missing`,
    );
  }
  return warnings;
}
