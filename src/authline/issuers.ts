/**
 * Whom the line trusts. `Issuer`/`Issuers` as names: a token's `iss` must be
 * one of them and the line's own keys verify every token. Beyond that,
 * issuers bound to their own keys, so that a key trusted for one issuer can
 * never vouch for another: `Issuers` entries
 *   {"Issuer": "https://a/", "JWKUrl": "..."}            (or JWKUrls)
 *   {"Issuer": "https://b/", "VerificationKey": "...", "Algo": "RS256"}
 *   {"OIDC": "https://c/"}                               (keys by discovery)
 * each optionally with its own `Audience` and `Algorithms` (else the
 * line's), or the line's `OIDC` alone. An entry is checked by the rules the
 * line's own keys follow, in the same words, prefixed with where it is
 * (issuer-entry.ts).
 */
import type { ExtensionKey } from './decode-json.js';
import { describeValue } from './describe-value.js';
import { isText } from './extensions.js';
import { entryOf, readEntry } from './issuer-entry.js';
import type { EntryKey, LineDefaults } from './issuer-entry.js';
import type { BoundIssuer } from './types.js';
import { usesJwkUrls } from './validate.js';
import type { KeyFields } from './validate.js';

export interface Trust {
  /** Accepted `iss` values (empty: any); with bound issuers, their names. */
  readonly issuers: readonly string[];
  readonly bound: readonly BoundIssuer[];
}

/** Whether the line binds issuers to their own keys, and so needs none of its own. */
export function bindsIssuers(values: ReadonlyMap<ExtensionKey, unknown>): boolean {
  const list = values.get('Issuers');
  return values.has('OIDC') || (Array.isArray(list) && list.some(isObject));
}

export function readTrust(
  values: ReadonlyMap<ExtensionKey, unknown>,
  lineKeys: KeyFields,
  defaults: LineDefaults,
): { readonly trust: Trust; readonly errors: string[] } {
  const none: Trust = { issuers: [], bound: [] };
  const fail = (error: string) => ({ trust: none, errors: [error] });
  const must = (key: ExtensionKey, expectation: string) =>
    fail(`\`${key}\` in Dgraph.Authorization must be ${expectation}, found ${describeValue(values.get(key))}`);
  const issuer = values.get('Issuer');
  const list = values.get('Issuers');
  const oidc = values.get('OIDC');

  if (issuer !== undefined && list !== undefined) return fail('expecting either Issuer or Issuers, both were given');
  if (oidc !== undefined && (issuer !== undefined || list !== undefined)) {
    return fail('expecting either OIDC or Issuer/Issuers, both were given (to trust more issuers, list this one in Issuers as {"OIDC": "..."})');
  }
  if (!bindsIssuers(values)) {
    if (issuer !== undefined) return isText(issuer) ? { trust: { issuers: [issuer], bound: [] }, errors: [] } : must('Issuer', 'a non-empty string');
    if (list === undefined) return { trust: none, errors: [] };
    if (Array.isArray(list) && list.length > 0 && list.every(isText)) return { trust: { issuers: list, bound: [] }, errors: [] };
    return must('Issuers', 'a non-empty list of non-empty strings, or of issuer entries');
  }

  const errors: string[] = [];
  if (lineKeys.verificationKey !== '' || lineKeys.algo !== '' || usesJwkUrls(lineKeys)) {
    errors.push(
      "expecting either issuers bound to their own keys (Issuers entries, OIDC) or the line's own keys (VerificationKey, Algo, JWKUrl, JWKUrls), both were given",
    );
  }
  const lineOidc = { members: new Map<EntryKey, unknown>([['OIDC', oidc]]), place: { key: (name: EntryKey) => `\`${name}\` in Dgraph.Authorization`, prefix: '' } };
  const items = oidc !== undefined ? [lineOidc] : (list as unknown[]);
  if (oidc === undefined && !items.every(isObject)) {
    errors.push(
      "`Issuers` in Dgraph.Authorization mixes issuer names and issuer entries: give either names (checked against the line's own keys) or entries (objects, each with its own keys)",
    );
    return { trust: none, errors };
  }

  const bound: BoundIssuer[] = [];
  const entryOfIssuer = new Map<string, number>();
  for (const [i, item] of items.entries()) {
    const { members, place } = item === lineOidc ? lineOidc : entryOf(item, i + 1, errors);
    const read = readEntry(members, place, defaults, errors);
    if (!read) continue;
    const earlier = entryOfIssuer.get(read.issuer);
    if (earlier !== undefined) {
      errors.push(`\`Issuers\` in Dgraph.Authorization names ${JSON.stringify(read.issuer)} twice (entries ${earlier} and ${i + 1}); an issuer is bound to one set of keys`);
      continue;
    }
    entryOfIssuer.set(read.issuer, i + 1);
    bound.push(read);
  }
  return { trust: { issuers: bound.map((b) => b.issuer), bound }, errors };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
