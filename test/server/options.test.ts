/** Options that would make the server unsafe or useless are refused up front. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, startServer } from '../../src/server/index.js';
import { TestAuthlineService } from './support/test-service.js';

test('an empty admin token, an impossible port or a zero limit is refused', async () => {
  const service = new TestAuthlineService();
  assert.throws(() => createApp(service, { adminToken: '' }), /adminToken must not be empty/);
  assert.throws(() => createApp(service, { bodyLimit: 0 }), /bodyLimit must be a positive integer/);
  assert.throws(() => createApp(service, { maxDepth: 1.5 }), /maxDepth must be a positive integer/);
  await assert.rejects(startServer(service, { port: 70000 }), /port must be an integer from 0 to 65535/);
});
