/**
 * `authline test` on the real engine (in memory): a public-key line served
 * with a throwaway key pair (and a note saying so), one line per case, a
 * diff for a failure, the closing count, exit 1; and mistakes in a file
 * reported with where they are before anything runs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { processRuntime } from '../../src/cli/runtime.js';
import { testRuntime } from './support/runtime.js';

const SCHEMA = `type Doc @auth(query: { rule: "query($USER: String!) { queryDoc(filter: { owner: { eq: $USER } }) { id } }" }) {
  id: ID!
  title: String!
  owner: String! @search(by: [hash])
}
# Dgraph.Authorization {"JWKUrl":"https://idp.invalid/.well-known/jwks.json","Header":"X-Auth","Namespace":"https://ns","Audience":["api"],"AudienceRequired":true,"ClosedByDefault":true}
`;
const DATA = JSON.stringify({ set: [
  { uid: '_:a', 'dgraph.type': 'Doc', 'Doc.title': 'A', 'Doc.owner': 'alice' },
  { uid: '_:b', 'dgraph.type': 'Doc', 'Doc.title': 'B', 'Doc.owner': 'bob' },
] });
const CASES = `schema: schema.graphql
data: data.json
cases:
  - name: alice reads her doc
    claims: { USER: alice }
    query: "{ queryDoc { title } }"
    data: { queryDoc: [{ title: A }] }
  - name: this expectation is wrong
    claims: { USER: bob }
    query: "{ queryDoc { title } }"
    data: { queryDoc: [{ title: A }] }
  - name: no token under ClosedByDefault
    token: none
    query: "{ queryDoc { title } }"
    errors: ["a valid JWT is required but was not provided"]
`;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'authline-test-cmd-'));
  writeFileSync(join(dir, 'schema.graphql'), SCHEMA);
  writeFileSync(join(dir, 'data.json'), DATA);
  writeFileSync(join(dir, 'cases.yaml'), CASES);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a JWKS line: a throwaway key pair, said so; a line per case, a diff, the count, exit 1', { timeout: 180_000 }, async () => {
  const rt = { ...testRuntime({ cwd: dir }), createService: processRuntime().createService };
  assert.equal(await main(['test', 'cases.yaml'], rt), 1);
  const out = rt.out();
  assert.match(out, /^cases\.yaml\n {2}note: .*schema\.graphql: the line's keys are replaced by a throwaway RS256 key pair for this run, and tokens are signed with it\n/);
  assert.match(out, /\n {2}ok {3}alice reads her doc\n {2}FAIL this expectation is wrong\n {9}data differs \(\+ actual, - expected\):\n/);
  assert.match(out, /\+ +title: 'B'/);
  assert.match(out, /\n {2}ok {3}no token under ClosedByDefault\n2 passed, 1 failed\n$/);
});

describe('mistakes in a policy file are reported before anything runs', () => {
  const cases: [string, string, RegExp][] = [
    ['not a mapping', '- a\n- b\n', /bad\.yaml: the file must be a mapping with schema, data and cases/],
    ['no schema', 'cases: [{ name: a, token: none, query: "{ a }" }]\n', /bad\.yaml: "schema" must be the path of the schema file/],
    ['an unknown key', 'schema: s\ncases: [{ name: a, token: none, query: "{ a }", expect: 1 }]\n', /bad\.yaml: case 1: "expect" is not a key of a case/],
    ['neither claims nor token', 'schema: s\ncases: [{ name: a, query: "{ a }" }]\n', /bad\.yaml: case 1: give "claims" \(a mapping\) or "token"/],
    ['claims with a literal token', 'schema: s\ncases: [{ name: a, claims: {}, token: x.y.z, query: "{ a }" }]\n', /case 1: "claims" go with no "token"/],
    ['errors not a list', 'schema: s\ncases: [{ name: a, token: none, query: "{ a }", errors: oops }]\n', /case 1: "errors" must be a list of message substrings/],
    ['not YAML', 'schema: [\n', /bad\.yaml: not YAML or JSON/],
  ];
  for (const [what, text, message] of cases) {
    test(what, async () => {
      writeFileSync(join(dir, 'bad.yaml'), text);
      const rt = testRuntime({ cwd: dir });
      assert.equal(await main(['test', 'cases.yaml', 'bad.yaml'], rt), 1);
      assert.match(rt.err(), message);
      assert.equal(rt.out(), '', 'no case ran');
      assert.equal(rt.services.length, 0, 'no service was opened');
    });
  }

  test('a wrong reporter is a usage error', async () => {
    const rt = testRuntime({ cwd: dir });
    assert.equal(await main(['test', '--reporter', 'tap', 'cases.yaml'], rt), 2);
    assert.match(rt.err(), /--reporter must be text or json, got "tap"/);
  });
});
