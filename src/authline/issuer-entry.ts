/**
 * One `Issuers` entry (or the line's own `OIDC`), read into a BoundIssuer:
 * an issuer and its keys, checked by the rules and in the words of the
 * line's own keys (Dgraph's), each message prefixed with where it is, e.g.
 * `` `Issuers` entry 2 ("https://b/"): expecting either JWKUrl or JWKUrls, both were given ``.
 */
import { describeValue } from './describe-value.js';
import { isText, keySetAlgorithms, readAlgorithmList } from './extensions.js';
import { goFoldEquals } from './go-json.js';
import { checkJwkUrl } from './jwk-urls.js';
import { parseVerificationKey } from './keys.js';
import { discoveryUrl, isIssuerUrl } from './oidc-issuer.js';
import type { BoundIssuer } from './types.js';
import { checkAlgorithm, checkKeyFields, missingFieldsMessage, usesJwkUrls } from './validate.js';
import type { KeyFields } from './validate.js';

/** What an entry falls back on. */
export interface LineDefaults {
  readonly audience: readonly string[] | null;
  readonly algorithms?: readonly string[];
}

const ENTRY_KEYS = ['Issuer', 'OIDC', 'JWKUrl', 'JWKUrls', 'VerificationKey', 'Algo', 'Algorithms', 'Audience'] as const;
export type EntryKey = (typeof ENTRY_KEYS)[number];

/** How messages name a key of the entry, and the entry itself. */
export interface Place {
  key(name: EntryKey): string;
  /** Before a message about the whole entry ('' for the line's own `OIDC`, whose messages are the line's). */
  readonly prefix: string;
}

/** An entry's members by their canonical names (matched as Dgraph matches keys: ignoring case); null means absent. */
export function entryOf(item: unknown, n: number, errors: string[]): { members: Map<EntryKey, unknown>; place: Place } {
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

/** What the parts of an entry's reading share. */
interface Reading {
  readonly place: Place;
  readonly errors: string[];
  readonly audience: readonly string[] | null;
  /** The entry's `Algorithms`, else the line's. */
  readonly listed: readonly string[] | undefined;
  readonly keyFields: KeyFields;
}

/** The entry as a BoundIssuer, or null with its mistakes added to `errors`. */
export function readEntry(members: ReadonlyMap<EntryKey, unknown>, place: Place, defaults: LineDefaults, errors: string[]): BoundIssuer | null {
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
  if (oidc !== undefined && !isIssuerUrl(oidc)) must('OIDC', "the issuer's URL (https://..., without query or fragment)");
  if (issuer !== undefined && !isText(issuer)) must('Issuer', 'a non-empty string');
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
  // A value of the wrong type would read as missing below.
  if (errors.length > before) return null;

  const reading: Reading = { place, errors, audience, listed, keyFields };
  const bound = oidc !== undefined ? oidcIssuer(oidc as string, reading) : keyedIssuer(issuer as string, reading);
  return errors.length > before ? null : bound;
}

/** `{"OIDC": "https://issuer/"}`: the keys come from discovery, so no key fields may be given. */
function oidcIssuer(issuer: string, { place, errors, audience, keyFields, listed }: Reading): BoundIssuer {
  if (keyFields.verificationKey !== '' || keyFields.algo !== '' || usesJwkUrls(keyFields)) {
    errors.push(`${place.prefix}an OIDC issuer's keys come from its discovery document; VerificationKey, Algo, JWKUrl and JWKUrls cannot be given too`);
  }
  if ((audience?.length ?? 0) === 0) errors.push(`${place.prefix}${missingFieldsMessage(' `Audience` ')}`);
  const algorithms = keySetAlgorithmsOf(listed, place, errors, 'OIDC');
  return { issuer, keys: { kind: 'oidc', discoveryUrl: discoveryUrl(issuer) }, audience, algorithms };
}

/** `{"Issuer": ..., <keys>}`: the keys are checked as the line's own are (Dgraph's rules, then the URLs or the key). */
function keyedIssuer(issuer: string, { place, errors, audience, keyFields, listed }: Reading): BoundIssuer | null {
  const checked = checkKeyFields(keyFields);
  const missing = 'conflict' in checked ? checked.conflict : checked.missing === '' ? null : missingFieldsMessage(checked.missing);
  if (missing) {
    errors.push(`${place.prefix}${missing}`);
    return null;
  }
  if (usesJwkUrls(keyFields)) {
    const urls = keyFields.jwkUrl !== '' ? [keyFields.jwkUrl] : (keyFields.jwkUrls ?? []);
    for (const url of urls) {
      const problem = checkJwkUrl(url);
      if (problem) errors.push(`${place.prefix}${problem}`);
    }
    return { issuer, keys: { kind: 'jwks', urls }, audience, algorithms: keySetAlgorithmsOf(listed, place, errors, 'JWKUrl/JWKUrls') };
  }
  const { verificationKey, algo } = keyFields;
  const algorithms = [...new Set([algo, ...(listed ?? [])])];
  const problem = checkAlgorithm(algo) ?? keyProblem(verificationKey, algorithms);
  if (problem) errors.push(`${place.prefix}${problem}`);
  return { issuer, keys: { kind: 'verificationKey', algo, verificationKey }, audience, algorithms };
}

function keyProblem(verificationKey: string, algorithms: readonly string[]): string | null {
  const key = parseVerificationKey(verificationKey, algorithms);
  return 'error' in key ? key.error : null;
}

function keySetAlgorithmsOf(listed: readonly string[] | undefined, place: Place, errors: string[], source: string): readonly string[] {
  const algorithms = keySetAlgorithms(listed, place.key('Algorithms'), source);
  if (typeof algorithms !== 'string') return algorithms;
  errors.push(algorithms);
  return [];
}
