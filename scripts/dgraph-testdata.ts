/**
 * Copies Dgraph's schema test data out of a local mirror of Dgraph's
 * repository (a bare git directory) into tmp/dgraph-testdata/ (gitignored:
 * Dgraph's files are never committed here), and prints the variables that
 * point test/api/dgraph-schemagen.test.ts, test/api/dgraph-apollo-service.test.ts and
 * test/e2e/dgraph-normal-schema.test.ts at them:
 *
 *   eval "$(node --import tsx scripts/dgraph-testdata.ts)"
 *
 * The mirror is `AUTHLINE_DGRAPH_MIRROR`, else /work/.mirror/dgraph-io+dgraph/repo.
 * Without one it prints nothing and says why on stderr (exit 0), so CI goes
 * on and the tests skip, saying so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const mirror = process.env.AUTHLINE_DGRAPH_MIRROR ?? '/work/.mirror/dgraph-io+dgraph/repo';
const out = resolve('tmp/dgraph-testdata');
const SCHEMAGEN = 'graphql/schema/testdata/schemagen';
const GQLSCHEMA_YML = 'graphql/schema/gqlschema_test.yml';
const NORMAL_SCHEMA = 'graphql/e2e/normal/schema.graphql';
const APOLLO_SERVICE = 'graphql/schema/testdata/apolloservice';
const APOLLO_SERVICE_RESPONSE = 'graphql/e2e/schema/apollo_service_response.graphql';

function git(...args: string[]): string {
  return execFileSync('git', ['-C', mirror, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function exportFile(path: string): void {
  const target = join(out, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, git('show', `HEAD:${path}`));
}

if (!existsSync(mirror)) {
  console.error(`dgraph-testdata: no Dgraph mirror at ${mirror}; the Dgraph schemagen tests will skip`);
  process.exit(0);
}
rmSync(out, { recursive: true, force: true });
const files = [SCHEMAGEN, APOLLO_SERVICE].flatMap((dir) => git('ls-tree', '-r', '--name-only', 'HEAD', dir).split('\n').filter(Boolean));
for (const path of [...files, GQLSCHEMA_YML, NORMAL_SCHEMA, APOLLO_SERVICE_RESPONSE]) exportFile(path);
console.error(`dgraph-testdata: ${files.length + 3} files of ${mirror} (${git('rev-parse', '--short', 'HEAD').trim()}) in ${out}`);
console.log(`export AUTHLINE_DGRAPH_SCHEMAGEN=${join(out, SCHEMAGEN)}`);
console.log(`export AUTHLINE_DGRAPH_GQLSCHEMA_YML=${join(out, GQLSCHEMA_YML)}`);
console.log(`export AUTHLINE_DGRAPH_NORMAL_SCHEMA=${join(out, NORMAL_SCHEMA)}`);
console.log(`export AUTHLINE_DGRAPH_APOLLO_SERVICE=${join(out, APOLLO_SERVICE)}`);
console.log(`export AUTHLINE_DGRAPH_APOLLO_SERVICE_RESPONSE=${join(out, APOLLO_SERVICE_RESPONSE)}`);
