/**
 * `authline serve`'s request-limit options: each a flag and an AUTHLINE_
 * environment variable, the flag winning; counts and sizes (with units);
 * a bad value is a usage error naming the option (exit 2), before anything
 * starts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../../src/cli/main.js';
import { requestLimits } from '../../src/cli/request-limits.js';
import { testRuntime } from './support/runtime.js';

test('each limit is read from its flag, else from its AUTHLINE_ variable; the rest are left to the defaults', () => {
  assert.deepEqual(requestLimits({}, {}), {});
  assert.deepEqual(
    requestLimits(
      { 'query-edge-limit': '5000', 'max-response-bytes': '2mb', 'max-aliases': '7' },
      {
        AUTHLINE_QUERY_EDGE_LIMIT: '9', AUTHLINE_MAX_ALIASES: '3', AUTHLINE_MAX_FILTER_DEPTH: '12', AUTHLINE_MAX_REGEXP_LENGTH: '300',
        AUTHLINE_MAX_DOCUMENT_SIZE: '64kb', AUTHLINE_MAX_TOKENS: '2000', AUTHLINE_MAX_RESPONSE_BYTES: '1mb',
      },
    ),
    {
      queryEdgeLimit: 5000, maxAliases: 7, maxFilterDepth: 12, maxRegexpLength: 300,
      maxDocumentSize: 64 * 1024, maxTokens: 2000, maxResponseBytes: 2 * 1024 * 1024,
    },
  );
  // An empty variable is as good as none.
  assert.deepEqual(requestLimits({}, { AUTHLINE_MAX_TOKENS: '' }), {});
});

test('a value that is not a positive count or size is a usage error naming the option', async () => {
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--max-aliases', '0'], {}, /--max-aliases must be a whole number from 1 to/],
    [['--query-edge-limit=-5'], {}, /--query-edge-limit must be a whole number/],
    [[], { AUTHLINE_MAX_FILTER_DEPTH: 'deep' }, /AUTHLINE_MAX_FILTER_DEPTH must be a whole number/],
    [['--max-response-bytes', 'lots'], {}, /--max-response-bytes must be a size such as 5mb/],
  ];
  for (const [flags, env, message] of cases) {
    const rt = testRuntime({ env });
    assert.equal(await main(['serve', '--memory', ...flags], rt), 2, flags.join(' '));
    assert.match(rt.err(), message);
  }
});
