/**
 * Suites on Dgraph's fixture, under the algorithms of Dgraph's e2e suite
 * (TestMain loops over HS256 and RS256): skipped, with the reason, where
 * the fixture is absent.
 */
import { after, before } from 'node:test';
import { describeConformance } from '../../support/conformance.js';
import { freshAuthline } from './authline.js';
import type { Authline, AuthlineOptions } from './authline.js';
import { ALGORITHMS } from './tokens.js';
import type { Algorithm, AuthVars } from './tokens.js';

export function forEachAlgorithm(body: (algorithm: Algorithm) => void): void {
  for (const algorithm of ALGORITHMS) describeConformance(algorithm, () => body(algorithm));
}

/**
 * A suite whose subject is the data (reads, writes) runs under ONE
 * algorithm, named by its file; the files take turns, as delete.test.ts's
 * cases do. There the algorithm changes only how the token is checked:
 * tokens.test.ts and closed-by-default.test.ts, whose subject it is, run
 * under both (forEachAlgorithm), as Dgraph's TestMain runs everything.
 */
export function underAlgorithm(algorithm: Algorithm, body: (algorithm: Algorithm) => void): void {
  describeConformance(algorithm, () => body(algorithm));
}

/**
 * Inside a describe: one loaded server shared by its tests, for tests that
 * only read (or whose writes are idempotent and read by no one else).
 */
export function sharedAuthline(options: AuthlineOptions): () => Authline {
  let authline: Authline | undefined;
  before(async () => {
    authline = await freshAuthline(options);
  });
  after(() => authline?.close());
  return () => {
    if (!authline) throw new Error('the shared authline is not running (did its before hook fail?)');
    return authline;
  };
}

/**
 * The claims of Dgraph's GetJWTForInterfaceAuth: USER and ROLE only when
 * given, ANS always.
 */
export function interfaceVars(user: string, role: string, ans: boolean): AuthVars {
  return { ...(user ? { USER: user } : {}), ...(role ? { ROLE: role } : {}), ANS: ans };
}

/** A readable test name for a set of claims. */
export function describeVars(vars: AuthVars | undefined): string {
  return vars === undefined ? 'no token' : JSON.stringify(vars);
}
