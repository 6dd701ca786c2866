/**
 * The JSON form of the line, decoded as Dgraph's Go decoder fills its
 * AuthMeta struct: keys match field names case-insensitively, the last
 * duplicate wins, `null` leaves a string or bool field as it was and resets
 * a list, a `null` list element reads as "", and any type mismatch (or a
 * syntax error, or trailing text) fails the whole decode, which sends Dgraph
 * to the legacy format. Keys Dgraph does not know are ignored by that
 * decode; authline's extension keys are collected beside it.
 */
import { goFoldEquals, jsonMembers } from './go-json.js';

/** AuthMeta's JSON-settable fields, after decoding. */
export interface DgraphFields {
  verificationKey: string;
  jwkUrl: string;
  jwkUrls: string[] | null;
  header: string;
  namespace: string;
  algo: string;
  audience: string[] | null;
  closedByDefault: boolean;
}

/** authline's extension keys: Dgraph ignores them, so a bad value never sends the line to the legacy format. */
export const EXTENSION_KEYS = ['Issuer', 'Issuers', 'OIDC', 'Leeway', 'Cookie', 'Algorithms', 'AudienceRequired'] as const;
export type ExtensionKey = (typeof EXTENSION_KEYS)[number];

export interface DecodedJsonLine {
  readonly fields: DgraphFields;
  /** Each extension key present with a non-null value, as the JSON gave it. */
  readonly extensions: ReadonlyMap<ExtensionKey, unknown>;
}

type Field = keyof DgraphFields;
type Kind = 'string' | 'strings' | 'bool';

const FIELDS: readonly (readonly [name: string, field: Field, kind: Kind])[] = [
  ['VerificationKey', 'verificationKey', 'string'],
  ['JWKUrl', 'jwkUrl', 'string'],
  ['JWKUrls', 'jwkUrls', 'strings'],
  ['Header', 'header', 'string'],
  ['Namespace', 'namespace', 'string'],
  ['Algo', 'algo', 'string'],
  ['Audience', 'audience', 'strings'],
  ['ClosedByDefault', 'closedByDefault', 'bool'],
];

/** `text` is everything after `Dgraph.Authorization`; null when Go's decoder would fail. */
export function decodeJsonLine(text: string): DecodedJsonLine | null {
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    return null;
  }
  const fields: DgraphFields = {
    verificationKey: '',
    jwkUrl: '',
    jwkUrls: null,
    header: '',
    namespace: '',
    algo: '',
    audience: null,
    closedByDefault: false,
  };
  const extensions = new Map<ExtensionKey, unknown>();
  if (whole === null) return { fields, extensions }; // null into a struct: no error, nothing set
  if (typeof whole !== 'object' || Array.isArray(whole)) return null;

  for (const { key, value } of jsonMembers(text)) {
    const known = FIELDS.find(([name]) => goFoldEquals(key, name));
    if (known) {
      if (!assign(fields, known[1], known[2], value)) return null;
      continue;
    }
    const extension = EXTENSION_KEYS.find((name) => goFoldEquals(key, name));
    if (extension) {
      if (value === null) extensions.delete(extension);
      else extensions.set(extension, value);
    }
  }
  return { fields, extensions };
}

/** Go's decoding of one member into one field; false on a type mismatch. */
function assign(fields: DgraphFields, field: Field, kind: Kind, value: unknown): boolean {
  const target = fields as unknown as Record<Field, unknown>;
  if (kind === 'strings') {
    if (value === null) {
      target[field] = null;
      return true;
    }
    if (!Array.isArray(value) || !value.every((v) => v === null || typeof v === 'string')) return false;
    target[field] = value.map((v: string | null) => v ?? '');
    return true;
  }
  if (value === null) return true;
  if (typeof value !== (kind === 'bool' ? 'boolean' : 'string')) return false;
  target[field] = value;
  return true;
}
