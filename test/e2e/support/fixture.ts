/**
 * The fixture Dgraph's own GraphQL auth e2e suite runs on (its schema and
 * data, shared beside the repository) and the `# Dgraph.Authorization` line
 * its harness appends.
 */
import { conformanceData, conformanceSchema as dgraphSchema } from '../../support/conformance.js';
import type { Signer } from './tokens.js';
import { HEADER, NAMESPACE } from './tokens.js';

/** test_data.json, as the body of POST /admin/import. */
export function conformanceDataJson(): string {
  return JSON.stringify(conformanceData());
}

/** The audiences Dgraph's harness configures. */
export const AUDIENCE = ['aud1', '63do0q16n6ebjgkumu05kkeian', 'aud5'] as const;

/**
 * The line Dgraph's harness (testutil.AppendAuthInfo) appends: a PEM key is
 * written on one line, its newlines as the two characters `\n`.
 */
export function authLine(signer: Signer, closedByDefault: boolean): string {
  const config = {
    VerificationKey: signer.verificationKey,
    Header: HEADER,
    Namespace: NAMESPACE,
    Algo: signer.algorithm,
    Audience: AUDIENCE,
    ClosedByDefault: closedByDefault,
  };
  // JSON.stringify writes a newline as `\n`, exactly what the harness writes.
  return `# Dgraph.Authorization ${JSON.stringify(config)}`;
}

/** schema.graphql as Dgraph's harness reads it, with the auth line of `signer` appended. */
export function conformanceSchema(signer: Signer, closedByDefault: boolean): string {
  const dgraph = dgraphSchema();
  const sdl = dgraph.endsWith('\n') ? dgraph : `${dgraph}\n`;
  return `${sdl}${authLine(signer, closedByDefault)}\n`;
}

/** Blank-node names of the fixture whose uids tests look up (a typo fails at compile time). */
export type FixtureNode =
  | `user${1 | 2 | 3 | 4 | 5}`
  | `region${1 | 2 | 3 | 4 | 5 | 6}`
  | `movie${1 | 2 | 3 | 4}`
  | 'review1'
  | `issue${1 | 2}`
  | `log${1 | 2}`
  | `complexlog${1 | 2}`
  | `role${1 | 2 | 3 | 4 | 5 | 6 | 7}`
  | `project${1 | 2}`
  | `column${1 | 2 | 3}`
  | `ticket${2 | 3 | 4}`
  | 'usersecret2'
  | 'book1'
  | `Question${1 | 2 | 3}`
  | `FbPost${1 | 2}`
  | `Answer${1 | 2}`
  | `Author${1 | 2}`
  | 'Car1';

/** The two nodes the fixture gives explicit uids. */
export const PERSON1_UID = '0xffe';
export const PERSON2_UID = '0xfff';
