/**
 * serve's @custom/@lambda flags: --lambda-url and --custom-timeout, each
 * with its AUTHLINE_ variable (the flag wins), and bad values refused as
 * usage errors naming the flag.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/cli/args.js';
import { customOptions } from '../../src/cli/custom-flags.js';

const usage = (start: string) => (e: Error) => e instanceof UsageError && e.message.startsWith(start);

test('each flag, else its AUTHLINE_ variable; none given leaves the service defaults', () => {
  assert.deepEqual(customOptions({}, {}), {});
  assert.deepEqual(customOptions({}, { AUTHLINE_LAMBDA_URL: 'http://127.0.0.1:8686/graphql-worker', AUTHLINE_CUSTOM_TIMEOUT: '2m' }), {
    lambdaUrl: 'http://127.0.0.1:8686/graphql-worker',
    timeoutMs: 120_000,
  });
  assert.deepEqual(
    customOptions({ 'lambda-url': 'https://lambda.example/run', 'custom-timeout': '500ms' }, { AUTHLINE_LAMBDA_URL: 'http://x', AUTHLINE_CUSTOM_TIMEOUT: '2m' }),
    { lambdaUrl: 'https://lambda.example/run', timeoutMs: 500 },
  );
});

test('a lambda URL that is not http(s), and a timeout that is not a duration or is 0, are usage errors', () => {
  for (const url of ['ftp://127.0.0.1/x', 'not a url', '127.0.0.1:8686']) {
    assert.throws(() => customOptions({ 'lambda-url': url }, {}), usage('--lambda-url must be an http(s) URL'));
  }
  assert.throws(() => customOptions({ 'custom-timeout': '10' }, {}), usage('--custom-timeout must be a duration'));
  assert.throws(() => customOptions({ 'custom-timeout': '0' }, {}), usage('--custom-timeout must be longer than 0'));
});
