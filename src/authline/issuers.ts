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
 * line's own keys follow, in the same words, prefixed with where it is.
 */
import { readAlgorithmList, keySetAlgorithms, isText } from './extensions.js';
import type { ExtensionKey } from './decode-json.js';
import { describeValue } from './describe-value.js';
import { goFoldEquals } from './go-json.js';
import { checkJwkUrl } from './jwk-urls.js';
import { parseVerificationKey } from './keys.js';
import { discoveryUrl, isIssuerUrl } from './oidc-issuer.js';
import type { BoundIssuer } from './types.js';
import { checkAlgorithm, checkKeyFields, missingFieldsMessage, usesJwkUrls } from './validate.js';
import type { KeyFields } from './validate.js';

export interface Trust {
  /** Accepted `iss` values (empty: any); with bound issuers, their names. */
  readonly issuers: readonly string[];
  readonly bound: readonly BoundIssuer[];
}

/** What an entry falls back on. */
export interface LineDefaults {
  readonly audience: readonly string[] | null;
  readonly algorithms?: readonly string[];
}

const ENTRY_KEYS = ['Issuer', 'OIDC', 'JWKUrl', 'JWKUrls', 'VerificationKey', 'Algo', 'Algorithms', 'Audience'] as const;
type EntryKey = (typeof ENTRY_KEYS)[number];

/** How messages name a key of the entry, and the entry itself. */
interface Place {
  key(name: EntryKey): string;
  /** Before a message about the whole entry ('' for the line's own `OIDC`, whose messages are the line's). */
  readonly prefix: string;
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
  let entries: { readonly members: ReadonlyMap<EntryKey, unknown>; readonly place: Place }[];
  if (oidc !== undefined) {
    entries = [{ members: new Map<EntryKey, unknown>([['OIDC', oidc]]), place: { key: (name) => `\`${name}\` in Dgraph.Authorization`, prefix: '' } }];
  } else {
    const items = list as unknown[];
    if (!items.every(isObject)) {
      return fail(
        '`Issuers` in Dgraph.Authorization mixes issuer names and issuer entries: give either names (checked against the line\'s own keys) or entries (objects, each with its own keys)',
      );
    }
    entries = items.map((item, i) => entryOf(item, i + 1, errors));
  }

  const bound: BoundIssuer[] = [];
  const entryOfIssuer = new Map<string, number>();
  for (const [i, { members, place }] of entries.entries()) {
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

/** An entry's members by their canonical names (matched as Dgraph matches keys: ignoring case); null means absent. */
function entryOf(item: unknown, n: number, errors: string[]): { members: Map<EntryKey, unknown>; place: Place } {
  const entry = item as Record<string, unknown>;
  const named = Object.entries(entry).find(([key, value]) => (goFoldEquals(key, 'Issuer') || goFoldEquals(key, 'OIDC')) && typeof value === 'string');
  const where = `\`Issuers\` entry ${n}${named ? ` (${JSON.stringify(named[1])})` : ''}`;
  const place: Place = { key: (name) => `\`${name}\` of ${where}`, prefix: `${where}: ` };

  const members = new Map<EntryKey, unknown>();
  const spelling = new Map<EntryKey, string>();
  for (const [key, value] of Object.entries(entry)) {
    const name = ENTRY_KEYS.find((candidate) => goFoldEquals(key, candidate));
    if (!name) {
      errors.push(`${place.prefix}unknown key ${JSON.stringify(key)}; an entry takes Issuer with JWKUrl, JWKUrls or VerificationKey and Algo, or OIDC; and Audience and Algorithms if it needs its own`);
    } else if (spelling.has(name)) {
      errors.push(`${place.prefix}${JSON.stringify(spelling.get(name))} and ${JSON.stringify(key)} are the same key (keys ignore case); give it once`);
    } else {
      spelling.set(name, key);
      if (value !== null) members.set(name, value);
    }
  }
  return { members, place };
}

function readEntry(members: ReadonlyMap<EntryKey, unknown>, place: Place, defaults: LineDefaults, errors: string[]): BoundIssuer | null {
  const before = errors.length;
  const must = (key: EntryKey, expectation: string) =>
    errors.push(`${place.key(key)} must be ${expectation}, found ${describeValue(members.get(key))}`);
  const text = (key: EntryKey): string => {
    const value = members.get(key);
    if (value === undefined || typeof value === 'string') return value ?? '';
    must(key, 'a string');
    return '';
  };
  const texts = (key: EntryKey): string[] | null => {
    const value = members.get(key);
    if (value === undefined) return null;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    must(key, 'a list of strings');
    return null;
  };

  const issuer = members.get('Issuer');
  const oidc = members.get('OIDC');
  if (issuer !== undefined && oidc !== undefined) {
    errors.push(`${place.prefix}expecting either Issuer or OIDC, both were given (OIDC names the issuer, and its discovery document must state the same)`);
    return null;
  }
  if (issuer === undefined && oidc === undefined) {
    errors.push(`${place.prefix}no issuer: give Issuer (with JWKUrl, JWKUrls, or VerificationKey and Algo) or OIDC`);
    return null;
  }
  const audience = texts('Audience') ?? defaults.audience;
  let listed = defaults.algorithms;
  if (members.has('Algorithms')) {
    const read = readAlgorithmList(members.get('Algorithms'), place.key('Algorithms'));
    if ('error' in read) errors.push(read.error);
    else listed = read.algorithms;
  }
  const keyFields: KeyFields = {
    verificationKey: text('VerificationKey'),
    algo: text('Algo'),
    jwkUrl: text('JWKUrl'),
    jwkUrls: texts('JWKUrls'),
    audience,
  };
  const keySetNeedsAudience = () => {
    if ((audience?.length ?? 0) === 0) errors.push(`${place.prefix}${missingFieldsMessage(' `Audience` ')}`);
  };
  const publicKeyAlgorithms = (source: string): readonly string[] => {
    const algorithms = keySetAlgorithms(listed, place.key('Algorithms'), source);
    if (typeof algorithms !== 'string') return algorithms;
    errors.push(algorithms);
    return [];
  };

  if (oidc !== undefined) {
    if (!isIssuerUrl(oidc)) must('OIDC', "the issuer's URL (https://..., without query or fragment)");
    if (keyFields.verificationKey !== '' || keyFields.algo !== '' || usesJwkUrls(keyFields)) {
      errors.push(`${place.prefix}an OIDC issuer's keys come from its discovery document; VerificationKey, Algo, JWKUrl and JWKUrls cannot be given too`);
    }
    keySetNeedsAudience();
    const algorithms = publicKeyAlgorithms('OIDC');
    if (errors.length > before) return null;
    return { issuer: oidc as string, keys: { kind: 'oidc', discoveryUrl: discoveryUrl(oidc as string) }, audience, algorithms };
  }

  if (!isText(issuer)) must('Issuer', 'a non-empty string');
  if (errors.length > before) return null; // a value of the wrong type would read as missing below
  const checked = checkKeyFields(keyFields);
  if ('conflict' in checked) errors.push(`${place.prefix}${checked.conflict}`);
  else if (checked.missing !== '') errors.push(`${place.prefix}${missingFieldsMessage(checked.missing)}`);
  if (errors.length > before) return null;

  if (usesJwkUrls(keyFields)) {
    const urls = keyFields.jwkUrl !== '' ? [keyFields.jwkUrl] : (keyFields.jwkUrls ?? []);
    for (const url of urls) {
      const problem = checkJwkUrl(url);
      if (problem) errors.push(`${place.prefix}${problem}`);
    }
    const algorithms = publicKeyAlgorithms('JWKUrl/JWKUrls');
    if (errors.length > before) return null;
    return { issuer: issuer as string, keys: { kind: 'jwks', urls }, audience, algorithms };
  }

  const { verificationKey, algo } = keyFields;
  const badAlgorithm = checkAlgorithm(algo);
  if (badAlgorithm) {
    errors.push(`${place.prefix}${badAlgorithm}`);
    return null;
  }
  const algorithms = [...new Set([algo, ...(listed ?? [])])];
  const key = parseVerificationKey(verificationKey, algorithms);
  if ('error' in key) {
    errors.push(`${place.prefix}${key.error}`);
    return null;
  }
  return { issuer: issuer as string, keys: { kind: 'verificationKey', algo, verificationKey }, audience, algorithms };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
