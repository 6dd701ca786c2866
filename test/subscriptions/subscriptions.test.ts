/**
 * Subscriptions over real WebSockets on 127.0.0.1, with both client
 * libraries: the initial answer, a push after each committed write that
 * changes it (and only then), every push under the subscriber's own claims,
 * token expiry, bad tokens, the limits, keep-alive, imports, and a schema
 * upload ending what was subscribed under the old rules.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { NOTES, PROTOCOLS, authLine, startAuthline, subscribe, token, type Authline } from './support.js';

let authline: Authline;

before(async () => {
  authline = await startAuthline(NOTES + authLine(), {
    server: { maxSubscriptionsPerConnection: 2, maxWebSocketConnections: 8, webSocketKeepAliveMs: 2000, bodyLimit: 64 * 1024 },
  });
});
after(() => authline.close());

const NOTES_OF = 'subscription($owners: [String]) { queryNote(filter: { owner: { in: $owners } }, order: { asc: text }) { owner text } }';

async function add(owner: string, text: string): Promise<void> {
  const answer = await authline.post('mutation($n: [AddNoteInput!]!) { addNote(input: $n) { numUids } }', await token({ ROLE: 'ADMIN' }), {
    n: [{ owner, text }],
  });
  assert.deepEqual(answer, { data: { addNote: { numUids: 1 } } });
}

for (const protocol of PROTOCOLS) {
  test(`${protocol}: each subscriber gets its own answer under its claims, then a push after every write that changes it`, async () => {
    const alice = `alice-${protocol}`;
    const carol = `carol-${protocol}`;
    const owners = { owners: [alice, carol] };
    const asAlice = subscribe(protocol, authline.wsUrl, NOTES_OF, { 'X-Auth': await token({ USER: alice }) }, owners);
    // Apollo-style: Authorization with Bearer, nested under headers.
    const asAdmin = subscribe(protocol, authline.wsUrl, NOTES_OF, { headers: { Authorization: `Bearer ${await token({ ROLE: 'ADMIN' })}` } }, owners);
    try {
      assert.deepEqual(await asAlice.received.next(), { data: { queryNote: [] } });
      assert.deepEqual(await asAdmin.received.next(), { data: { queryNote: [] } });

      await add(alice, 'a1');
      assert.deepEqual(await asAlice.received.next(), { data: { queryNote: [{ owner: alice, text: 'a1' }] } });
      assert.deepEqual(await asAdmin.received.next(), { data: { queryNote: [{ owner: alice, text: 'a1' }] } });

      // Carol's note: the admin sees it; alice's answer has not changed, so she gets nothing —
      // the next thing she receives is the update of her own note.
      await add(carol, 'c1');
      assert.deepEqual(await asAdmin.received.next(), { data: { queryNote: [{ owner: alice, text: 'a1' }, { owner: carol, text: 'c1' }] } });
      const update = await authline.post(
        'mutation($o: String!) { updateNote(input: { filter: { owner: { eq: $o } }, set: { text: "a2" } }) { numUids } }',
        await token({ USER: alice }),
        { o: alice },
      );
      assert.deepEqual(update, { data: { updateNote: { numUids: 1 } } });
      assert.deepEqual(await asAlice.received.next(), { data: { queryNote: [{ owner: alice, text: 'a2' }] } });
      assert.deepEqual(await asAdmin.received.next(), { data: { queryNote: [{ owner: alice, text: 'a2' }, { owner: carol, text: 'c1' }] } });

      // A write that changes nobody's answer: no push; then a delete that does.
      await add(`someone-else-${protocol}`, 'x');
      const deleted = await authline.post('mutation($o: String!) { deleteNote(filter: { owner: { eq: $o } }) { numUids } }', await token({ ROLE: 'ADMIN' }), {
        o: carol,
      });
      assert.deepEqual(deleted, { data: { deleteNote: { numUids: 1 } } });
      assert.deepEqual(await asAdmin.received.next(), { data: { queryNote: [{ owner: alice, text: 'a2' }] } });
      assert.equal(asAlice.received.pending, 0, `alice got ${JSON.stringify(asAlice.received.results)}`);
      assert.equal(asAdmin.received.pending, 0);
    } finally {
      await asAlice.stop();
      await asAdmin.stop();
    }
  });

  test(`${protocol}: the subscription completes and the connection closes when the token expires`, async () => {
    const expiring = await token({ ROLE: 'ADMIN' }, '2s');
    const subscriber = subscribe(protocol, authline.wsUrl, 'subscription { aggregateNote { count } }', { 'X-Auth': expiring });
    try {
      const first = (await subscriber.received.next()) as { data: { aggregateNote: { count: number } } };
      assert.equal(typeof first.data.aggregateNote.count, 'number');
      assert.deepEqual(await subscriber.closed(), { code: 4403, reason: 'the token has expired' });
      await subscriber.received.ended();
      if (protocol === 'graphql-ws') assert.equal(subscriber.received.completed, true);
    } finally {
      await subscriber.stop();
    }
  });

  test(`${protocol}: an invalid token refuses the connection with the verifier's message`, async () => {
    const subscriber = subscribe(protocol, authline.wsUrl, 'subscription { queryNote { text } }', { 'X-Auth': 'not-a-jwt' });
    try {
      assert.deepEqual(await subscriber.closed(), {
        code: 4403,
        reason: 'unable to parse jwt token:token is malformed: token contains an invalid number of segments',
      });
      assert.equal(subscriber.received.results.length, 0);
    } finally {
      await subscriber.stop();
    }
  });
}

test('graphql-ws: an expired token is refused as over HTTP', async () => {
  const expired = await token({ ROLE: 'ADMIN' }, '-1m');
  const subscriber = subscribe('graphql-ws', authline.wsUrl, 'subscription { queryNote { text } }', { 'X-Auth': expired });
  try {
    const { code, reason } = await subscriber.closed();
    assert.equal(code, 4403);
    assert.match(reason, /^unable to parse jwt token:token has invalid claims: token is expired/);
  } finally {
    await subscriber.stop();
  }
});

test('the legacy protocol answers init with ack and keep-alives, and validation errors as error messages', async () => {
  const socket = new WebSocket(authline.wsUrl, 'graphql-ws');
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  let pings = 0;
  socket.on('ping', () => pings++);
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { 'X-Auth': await token({ ROLE: 'ADMIN' }) } }));
  socket.send(JSON.stringify({ id: '1', type: 'start', payload: { query: 'subscription { queryNote { nope } }' } }));
  try {
    await waitFor(() => messages.filter((m) => m.type === 'ka').length >= 2 && pings >= 1 && messages.some((m) => m.type === 'error'), 8000);
    assert.deepEqual(messages.slice(0, 2), [{ type: 'connection_ack' }, { type: 'ka' }]);
    assert.deepEqual(messages.find((m) => m.type === 'error'), {
      id: '1',
      type: 'error',
      payload: [
        {
          message: 'Cannot query field "nope" on type "Note".',
          locations: [{ line: 1, column: 28 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ],
    });
  } finally {
    socket.close();
  }
});

test('limits: subscriptions per connection, connections per process; a query runs once over the socket', async () => {
  const client = createClient({ url: authline.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: { 'X-Auth': await token({ ROLE: 'ADMIN' }) } });
  const sinks = [0, 1, 2].map(() => {
    const received: unknown[] = [];
    let error: unknown;
    const dispose = client.subscribe({ query: 'subscription { aggregateNote { count } }' }, {
      next: (value) => received.push(value),
      error: (e) => (error = e),
      complete: () => {},
    });
    return { received, error: () => error, dispose };
  });
  const extra: WebSocket[] = [];
  try {
    await waitFor(() => sinks[0].received.length === 1 && sinks[1].received.length === 1 && sinks[2].error() !== undefined);
    assert.deepEqual(sinks[2].error(), [
      { message: 'too many subscriptions on this connection: at most 2 may run at once', extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
    ]);
    // A query over the socket answers once and completes; it counts while it runs only.
    sinks[1].dispose();
    const once = await new Promise<unknown[]>((resolve, reject) => {
      const got: unknown[] = [];
      client.subscribe({ query: '{ aggregateNote { count } }' }, { next: (v) => got.push(v), error: reject, complete: () => resolve(got) });
    });
    assert.equal(once.length, 1);

    // 1 connection is open; 7 more fill the process's 8, the next is refused before upgrading.
    for (let i = 0; i < 7; i++) {
      const socket = new WebSocket(authline.wsUrl, 'graphql-transport-ws');
      extra.push(socket);
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
    }
    const refused = await refusedUpgrade(authline.wsUrl, 'graphql-transport-ws');
    assert.equal(refused.status, 503);
    assert.deepEqual(JSON.parse(refused.body), {
      errors: [{
        message: 'This server holds its maximum of 8 WebSocket connections (--max-ws-connections); try again later.',
        extensions: { code: 'TOO_MANY_CONNECTIONS' },
      }],
    });
  } finally {
    for (const sink of sinks) sink.dispose();
    await client.dispose();
    for (const socket of extra) socket.close();
  }
  const wrongProtocol = await refusedUpgrade(authline.wsUrl, 'mqtt');
  assert.equal(wrongProtocol.status, 400);
  assert.equal(JSON.parse(wrongProtocol.body).errors[0].extensions.code, 'SUBPROTOCOL_REQUIRED');
});

test('over HTTP a subscription is refused, saying where it runs; offered both subprotocols, the server picks graphql-transport-ws; an oversized message closes 1009', async () => {
  assert.deepEqual(await authline.post('subscription { aggregateNote { count } }'), {
    errors: [{
      message: 'Subscriptions are served over WebSocket at this URL (subprotocol graphql-transport-ws or graphql-ws), not over HTTP.',
      extensions: { code: 'ErrorInvalidRequest' },
    }],
  });
  const socket = new WebSocket(authline.wsUrl, ['graphql-ws', 'graphql-transport-ws']);
  await new Promise((resolve) => socket.once('open', resolve));
  assert.equal(socket.protocol, 'graphql-transport-ws');
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send('x'.repeat(64 * 1024 + 1));
  assert.equal(await closed, 1009);
});

test('an admin import pushes to subscribers', async () => {
  const owner = 'imported-owner';
  const subscriber = subscribe('graphql-transport-ws', authline.wsUrl, NOTES_OF, { 'X-Auth': await token({ USER: owner }) }, { owners: [owner] });
  try {
    assert.deepEqual(await subscriber.received.next(), { data: { queryNote: [] } });
    const imported = await fetch(`${authline.url}/admin/import`, {
      method: 'POST',
      body: JSON.stringify([{ uid: '_:n', 'dgraph.type': 'Note', 'Note.owner': owner, 'Note.text': 'from import' }]),
    });
    assert.equal(imported.status, 200);
    assert.deepEqual(await subscriber.received.next(), { data: { queryNote: [{ owner, text: 'from import' }] } });
  } finally {
    await subscriber.stop();
  }
});

// Last: it replaces the schema the tests above use.
test('a schema upload ends open subscriptions with the reason; new ones run under the new rules (ClosedByDefault)', async () => {
  const subscribers = await Promise.all(
    PROTOCOLS.map(async (protocol) => subscribe(protocol, authline.wsUrl, 'subscription { aggregateNote { count } }', { 'X-Auth': await token({ ROLE: 'ADMIN' }) })),
  );
  try {
    for (const subscriber of subscribers) await subscriber.received.next();
    const uploaded = await authline.service.uploadSchema(NOTES + authLine(',"ClosedByDefault":true'));
    for (const subscriber of subscribers) {
      assert.deepEqual(await subscriber.closed(), { code: 1012, reason: `the schema was replaced (version ${uploaded.version}); subscribe again` });
    }
    const anonymous = subscribe('graphql-transport-ws', authline.wsUrl, 'subscription { aggregateNote { count } }');
    assert.deepEqual(await anonymous.closed(), { code: 4403, reason: 'a valid JWT is required but was not provided' });
    await anonymous.stop();
  } finally {
    for (const subscriber of subscribers) await subscriber.stop();
  }
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The HTTP answer to an upgrade the server refuses. */
function refusedUpgrade(url: string, protocol: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocol);
    socket.once('open', () => reject(new Error('upgraded')));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    socket.once('error', () => {});
  });
}
