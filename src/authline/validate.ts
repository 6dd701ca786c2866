/**
 * Dgraph's checks of a decoded JSON line, in Dgraph's order and words. Only
 * the first failure is reported, as Dgraph stops there. The legacy form
 * skips `validateFields` (its regular expression already demands every part).
 */
import { isSupportedAlgorithm, unsupportedAlgorithmMessage } from './algorithms.js';
import type { DgraphFields } from './decode-json.js';

/** AuthMeta.validate(): mode conflicts first, then the missing fields, named together. */
export function validateFields(fields: DgraphFields): string | null {
  let missing = '';
  if (usesJwkUrls(fields)) {
    if ((fields.jwkUrls?.length ?? 0) !== 0 && fields.jwkUrl !== '') {
      return 'expecting either JWKUrl or JWKUrls, both were given';
    }
    if (fields.verificationKey !== '' || fields.algo !== '') {
      return 'expecting either JWKUrl/JWKUrls or (VerificationKey, Algo), both were given';
    }
    // Dgraph's token really has a space on both sides.
    if ((fields.audience?.length ?? 0) === 0) missing = ' `Audience` ';
  } else {
    if (fields.verificationKey === '') missing = ' `Verification key`/`JWKUrl`/`JWKUrls`';
    if (fields.algo === '') missing += ' `Algo`';
  }
  if (fields.header === '') missing += ' `Header`';
  if (fields.namespace === '') missing += ' `Namespace`';
  return missing === '' ? null : `required field missing in Dgraph.Authorization:${missing}`;
}

export function usesJwkUrls(fields: Pick<DgraphFields, 'jwkUrl' | 'jwkUrls'>): boolean {
  return (fields.jwkUrls?.length ?? 0) !== 0 || fields.jwkUrl !== '';
}

/** initSigningMethod(): skipped with JWK URLs, where the keys decide. */
export function checkAlgorithm(algo: string): string | null {
  return isSupportedAlgorithm(algo) ? null : unsupportedAlgorithmMessage(algo);
}
