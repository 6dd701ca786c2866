/**
 * A compact JWT taken apart in golang-jwt's order, before any key is looked
 * at, so a malformed token fails with the message Dgraph gives: segments,
 * header (base64, JSON), claims (base64, JSON, registered claims, the
 * namespace), the `alg` lookup, then the signature's base64.
 */
import { SUPPORTED_ALGORITHMS, goJsonTypeName } from '../authline/index.js';
import { claimsVariables, readRegisteredClaims } from './claims.js';
import type { RegisteredClaims } from './claims.js';
import { AlgorithmNotAllowedError, TokenMalformedError } from './errors.js';
import { cannotUnmarshal, decodeSegment, parseJson } from './go-decoding.js';
import type { Claims } from './types.js';

export interface DecodedToken {
  readonly header: Readonly<Record<string, unknown>>;
  readonly alg: string;
  readonly registered: RegisteredClaims;
  /** The variables rules see. */
  readonly claims: Claims;
}

/** The methods golang-jwt registers; any other `alg` is "unavailable" before a key is even chosen. */
const KNOWN_ALGORITHMS = new Set([...SUPPORTED_ALGORITHMS, 'none']);

export function decodeToken(token: string, namespace: string): DecodedToken {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenMalformedError('token contains an invalid number of segments');
  const [headerPart, claimsPart, signaturePart] = parts;

  const header = jsonSegment(headerPart, 'header', 'map[string]interface {}') ?? {};
  // RFC 7797 unencoded payloads are not JWTs; refusing them keeps one reading of the payload.
  if (header.b64 !== undefined && header.b64 !== true) throw new TokenMalformedError('unencoded payloads ("b64": false) are not accepted');

  const claimsText = segmentText(claimsPart, 'claim');
  const claimsObject = jsonObject(claimsText, 'claim', 'jwt.RegisteredClaims');
  const registered = claimsObject ? readRegisteredClaims(claimsText) : { value: {} };
  if ('error' in registered) throw new TokenMalformedError(`could not JSON decode claim: ${registered.error}`);
  const claims = claimsVariables(claimsObject ?? {}, namespace);
  if ('error' in claims) throw new TokenMalformedError(`could not JSON decode claim: ${claims.error}`);

  const { alg } = header;
  if (typeof alg !== 'string') throw AlgorithmNotAllowedError.unspecified();
  if (!KNOWN_ALGORITHMS.has(alg)) throw AlgorithmNotAllowedError.unavailable();

  const signature = decodeSegment(signaturePart);
  if ('error' in signature) throw new TokenMalformedError(`could not base64 decode signature: ${signature.error}`);

  return { header, alg, registered: registered.value, claims: claims.value };
}

function segmentText(segment: string, what: 'header' | 'claim'): string {
  const decoded = decodeSegment(segment);
  if ('error' in decoded) throw new TokenMalformedError(`could not base64 decode ${what}: ${decoded.error}`);
  return decoded.bytes.toString('utf8');
}

function jsonSegment(segment: string, what: 'header' | 'claim', goType: string): Record<string, unknown> | null {
  return jsonObject(segmentText(segment, what), what, goType);
}

/** A JSON object, or null for JSON null (which Go decodes into a map or struct without complaint). */
function jsonObject(text: string, what: 'header' | 'claim', goType: string): Record<string, unknown> | null {
  const parsed = parseJson(text);
  if ('error' in parsed) throw new TokenMalformedError(`could not JSON decode ${what}: ${parsed.error}`);
  const { value } = parsed;
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TokenMalformedError(`could not JSON decode ${what}: ${cannotUnmarshal(goJsonTypeName(value), goType)}`);
  }
  return value as Record<string, unknown>;
}
