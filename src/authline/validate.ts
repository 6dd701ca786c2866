/**
 * Dgraph's checks of a decoded JSON line, in Dgraph's order and words. Only
 * the first failure is reported, as Dgraph stops there. The legacy form
 * skips `validateFields` (its regular expression already demands every part).
 */
import { isSupportedAlgorithm, unsupportedAlgorithmMessage } from './algorithms.js';
import type { DgraphFields } from './decode-json.js';

/** The fields that say where keys come from: the line's own, or (authline) an `Issuers` entry's. */
export interface KeyFields {
  readonly verificationKey: string;
  readonly algo: string;
  readonly jwkUrl: string;
  readonly jwkUrls: readonly string[] | null;
  readonly audience: readonly string[] | null;
}

/**
 * AuthMeta.validate(): mode conflicts first, then the missing fields, named
 * together. With issuers bound to their own keys (`keysPerIssuer`), the line
 * itself needs no keys; the entries are checked by the same rules.
 */
export function validateFields(fields: DgraphFields, keysPerIssuer = false): string | null {
  const keys = keysPerIssuer ? { missing: '' } : checkKeyFields(fields);
  if ('conflict' in keys) return keys.conflict;
  let missing = keys.missing;
  if (fields.header === '') missing += ' `Header`';
  if (fields.namespace === '') missing += ' `Namespace`';
  return missing === '' ? null : missingFieldsMessage(missing);
}

/** The key half of AuthMeta.validate(): a conflict, or Dgraph's tokens for the missing key fields ('' when none). */
export function checkKeyFields(fields: KeyFields): { readonly conflict: string } | { readonly missing: string } {
  if (usesJwkUrls(fields)) {
    if ((fields.jwkUrls?.length ?? 0) !== 0 && fields.jwkUrl !== '') {
      return { conflict: 'expecting either JWKUrl or JWKUrls, both were given' };
    }
    if (fields.verificationKey !== '' || fields.algo !== '') {
      return { conflict: 'expecting either JWKUrl/JWKUrls or (VerificationKey, Algo), both were given' };
    }
    // Dgraph's token really has a space on both sides.
    return { missing: (fields.audience?.length ?? 0) === 0 ? ' `Audience` ' : '' };
  }
  let missing = '';
  if (fields.verificationKey === '') missing = ' `Verification key`/`JWKUrl`/`JWKUrls`';
  if (fields.algo === '') missing += ' `Algo`';
  return { missing };
}

export function missingFieldsMessage(missing: string): string {
  return `required field missing in Dgraph.Authorization:${missing}`;
}

export function usesJwkUrls(fields: Pick<KeyFields, 'jwkUrl' | 'jwkUrls'>): boolean {
  return (fields.jwkUrls?.length ?? 0) !== 0 || fields.jwkUrl !== '';
}

/** initSigningMethod(): skipped with JWK URLs, where the keys decide. */
export function checkAlgorithm(algo: string): string | null {
  return isSupportedAlgorithm(algo) ? null : unsupportedAlgorithmMessage(algo);
}
