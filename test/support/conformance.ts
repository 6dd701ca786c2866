/**
 * Dgraph's e2e auth fixture (schema and data). It is shared beside the
 * repository (../shared/conformance), not copied into it; set
 * AUTHLINE_CONFORMANCE_DIR to read it from elsewhere. Missing files fail the
 * tests loudly: a conformance test must never pass by not running.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const besideRepo = fileURLToPath(new URL('../../../shared/conformance/dgraph-e2e-auth', import.meta.url));

export const CONFORMANCE_DIR = process.env.AUTHLINE_CONFORMANCE_DIR ?? besideRepo;

function read(file: string): string {
  const path = `${CONFORMANCE_DIR}/${file}`;
  if (!existsSync(path)) {
    throw new Error(`Dgraph e2e auth fixture not found at ${path}; set AUTHLINE_CONFORMANCE_DIR`);
  }
  return readFileSync(path, 'utf8');
}

/** The e2e auth schema as Dgraph ships it (no auth line). */
export function conformanceSchema(): string {
  return read('schema.graphql');
}

/** The e2e auth data: a Dgraph JSON mutation. */
export function conformanceData(): unknown {
  return JSON.parse(read('test_data.json'));
}
