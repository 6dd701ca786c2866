/** Unknown paths and methods answer JSON that says what exists. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequest, startTestServer } from './support/server.js';

test('404, 405 and 501 answer JSON errors naming what is allowed', async () => {
  const server = await startTestServer();
  try {
    const missing = await rawRequest(server.url, { path: '/graphq1' });
    assert.equal(missing.status, 404);
    assert.match(JSON.parse(missing.text).errors[0].message, /^Not found: GET \/graphq1\. The endpoints are .*\/graphql.*\/admin\/schema.*\/health/);

    const wrongMethod = await rawRequest(server.url, { method: 'DELETE', path: '/admin/schema' });
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.allow, 'HEAD, GET, POST');
    assert.equal(JSON.parse(wrongMethod.text).errors[0].extensions.code, 'ErrorInvalidMethod');

    const graphqlPut = await rawRequest(server.url, { method: 'PUT', path: '/graphql', body: '{}' });
    assert.equal(graphqlPut.status, 405);
    assert.equal(graphqlPut.headers.allow, 'GET, POST');
    assert.match(JSON.parse(graphqlPut.text).errors[0].message, /Use GET or POST/);

    const unknown = await rawRequest(server.url, { method: 'PROPFIND', path: '/health' });
    assert.equal(unknown.status, 501);
    assert.match(JSON.parse(unknown.text).errors[0].message, /PROPFIND is not supported/);
    for (const res of [missing, wrongMethod, graphqlPut, unknown]) assert.match(String(res.headers['content-type']), /^application\/json/);
  } finally {
    await server.close();
  }
});
