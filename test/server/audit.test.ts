/**
 * The GraphQL-over-HTTP judge: graphql-http's own audit suite, run against a
 * live server. Every MUST passes; every SHOULD passes too (docs/http.md lists
 * the exceptions, of which there are none today). The result is printed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAudits } from 'graphql-http';
import type { AuditResult } from 'graphql-http';
import { startTestServer } from './support/server.js';
import type { TestServer } from './support/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('graphql-http audit: every MUST and every SHOULD passes', async () => {
  const audits = serverAudits({ url: `${server.url}/graphql` });
  const results: AuditResult[] = [];
  for (const audit of audits) results.push(await audit.fn());

  const summary = (level: string) => {
    const of = results.filter((r) => r.name.startsWith(level));
    const failed = of.filter((r) => r.status !== 'ok');
    return { level, passed: of.length - failed.length, failed: failed.map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`) };
  };
  const levels = ['MUST', 'SHOULD', 'MAY'].map(summary);
  console.log(
    `graphql-http ${results.length} audits:\n` +
      levels.map((l) => `  ${l.level}: ${l.passed} passed, ${l.failed.length} failed${l.failed.map((f) => `\n    ✗ ${f}`).join('')}`).join('\n'),
  );
  assert.deepEqual(levels[0].failed, [], 'every MUST passes');
  assert.deepEqual(levels[1].failed, [], 'every SHOULD passes');
  assert.ok(levels[0].passed > 0 && levels[1].passed > 0);
});
