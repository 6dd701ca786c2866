/**
 * Dgraph's e2e auth schema, shared next to the repository (not copied into
 * it). Found through AUTHLINE_CONFORMANCE_DIR, or beside the checkout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const CANDIDATES = [
  process.env.AUTHLINE_CONFORMANCE_DIR,
  resolve('../shared/conformance/dgraph-e2e-auth'),
  resolve('../../shared/conformance/dgraph-e2e-auth'),
].filter((dir): dir is string => dir !== undefined);

export function conformanceSchema(): string {
  const dir = CANDIDATES.find((d) => existsSync(resolve(d, 'schema.graphql')));
  if (!dir) throw new Error(`Dgraph e2e auth schema not found; set AUTHLINE_CONFORMANCE_DIR (looked in ${CANDIDATES.join(', ')})`);
  return readFileSync(resolve(dir, 'schema.graphql'), 'utf8');
}
