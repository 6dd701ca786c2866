/**
 * Round trips per mutation, pinned on both backends: BEGIN rides with the
 * mutation's first statement and COMMIT with its last (backend/riding.ts),
 * so an add that refers to an existing node and reads a payload is its
 * three statements' three exchanges (the lookup, the write, the payload).
 *
 * Counted twice: by the backend's own report (onStatement's `riding`), and
 * on PostgreSQL also on the wire, by a TCP relay between the driver and the
 * server that counts the turns a connection takes: the client writing after
 * the server has answered is a new round trip.
 */
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, describe, test } from 'node:test';
import { createService, type AuthlineService } from '../../src/engine/index.js';
import { openPostgres } from '../../src/store/backend/postgres.js';
import { openStore } from '../../src/store/index.js';
import { AUTH_LINE, json, run, token } from '../engine/support.js';
import { createTestDatabase, stopOwnCluster, type TestDatabase } from '../support/postgres.js';

after(stopOwnCluster);

const OWNER = 'query($USER: String!) { queryTodo { owner(filter: { username: { eq: $USER } }) { __typename } } }';

const SCHEMA = `type User {
  username: String! @id
  todos: [Todo] @hasInverse(field: owner)
}

type Todo @auth(query: { rule: """${OWNER}""" }, add: { rule: """${OWNER}""" }) {
  id: ID!
  title: String!
  done: Boolean
  owner: User
}
${AUTH_LINE}`;

// The bench's add (bench/lib/scenarios.ts).
const ADD = 'mutation { addTodo(input: [{ title: "bench todo", done: false, owner: { username: "user7" } }]) { numUids todo { title done owner { username } } } }';
const REFUSED = 'mutation { addTodo(input: [{ title: "not mine", done: false, owner: { username: "user8" } }]) { numUids } }';

/** A TCP relay to `target` counting, per connection, the turns its client takes (a write after the server answered). */
class TurnCounter {
  turns = 0;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async relay(target: URL): Promise<{ counter: TurnCounter; url: string }> {
    const server = createServer();
    const counter = new TurnCounter(server);
    server.on('connection', (client) => {
      const upstream = connect(Number(target.port), target.hostname);
      counter.#sockets.add(client).add(upstream);
      let answered = true;
      client.on('data', (chunk) => {
        if (answered) counter.turns++;
        answered = false;
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        answered = true;
        client.write(chunk);
      });
      const close = () => { client.destroy(); upstream.destroy(); };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String((server.address() as AddressInfo).port);
    return { counter, url: url.toString() };
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

interface Opened {
  readonly service: AuthlineService;
  /** Exchanges with the database as the backend reports them: statements that did not ride with the one before. */
  exchanges: number;
  /** On PostgreSQL: the round trips seen on the wire. */
  readonly wire?: TurnCounter;
  close(): Promise<void>;
}

const BACKENDS: readonly { readonly name: string; open(): Promise<Opened> }[] = [
  {
    name: 'pglite',
    async open() {
      const opened = { exchanges: 0 } as { exchanges: number };
      const store = await openStore({ onStatement: (_sql, _params, riding) => { if (!riding) opened.exchanges++; } });
      const service = await createService({ store });
      return Object.assign(opened, { service, close: () => service.close() });
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await createTestDatabase();
      const { counter, url } = await TurnCounter.relay(new URL(database.url));
      const opened = { exchanges: 0 } as { exchanges: number };
      const store = await openStore({ databaseUrl: url, onStatement: (_sql, _params, riding) => { if (!riding) opened.exchanges++; } });
      const service = await createService({ store });
      return Object.assign(opened, {
        service,
        wire: counter,
        async close() {
          await service.close();
          await counter.close();
          await database.drop();
        },
      });
    },
  },
];

for (const backend of BACKENDS) {
  describe(`round trips per add on ${backend.name}`, () => {
    let opened: Opened;

    /** The exchanges `request` took, by the backend's count and (PostgreSQL) on the wire, with its answer. */
    async function roundTrips(request: string, user: string): Promise<{ exchanges: number; wire?: number; answer: unknown }> {
      opened.exchanges = 0;
      if (opened.wire) opened.wire.turns = 0;
      const answer = json(await run(opened.service, request, { token: await token({ USER: user }) }));
      return { exchanges: opened.exchanges, ...(opened.wire ? { wire: opened.wire.turns } : {}), answer };
    }

    test('set up', async () => {
      opened = await backend.open();
      await opened.service.uploadSchema(SCHEMA);
      await opened.service.importData([{ 'dgraph.type': 'User', 'User.username': 'user7' }, { 'dgraph.type': 'User', 'User.username': 'user8' }]);
      // Connections opened and statements prepared: what follows is the steady state.
      await roundTrips(ADD, 'user7');
    });
    after(() => opened?.close());

    test('the bench\'s add is three round trips: the lookup (with BEGIN), the write, the payload (with COMMIT)', async () => {
      const { answer, ...trips } = await roundTrips(ADD, 'user7');
      assert.deepEqual(answer, { data: { addTodo: { numUids: 1, todo: [{ title: 'bench todo', done: false, owner: { username: 'user7' } }] } } });
      assert.deepEqual(trips, { exchanges: 3, ...(opened.wire ? { wire: 3 } : {}) });
    });

    test('an add its rule refuses is rolled back: one more round trip, and nothing written', async () => {
      const { answer, ...trips } = await roundTrips(REFUSED, 'user7');
      assert.match(JSON.stringify(answer), /authorization failed/);
      // The lookup (with BEGIN), the write, ROLLBACK.
      assert.deepEqual(trips, { exchanges: 3, ...(opened.wire ? { wire: 3 } : {}) });
      const { answer: todos } = await roundTrips('{ queryTodo { title } }', 'user8');
      assert.deepEqual(todos, { data: { queryTodo: [] } });
    });
  });
}

describe('a PostgreSQL transaction on the wire', () => {
  let database: TestDatabase;
  test('set up', async () => {
    database = await createTestDatabase();
  });
  after(() => database?.drop());

  test('BEGIN rides with the first statement and COMMIT with the last: two statements, two round trips', async () => {
    const relayed = await TurnCounter.relay(new URL(database.url));
    const db = await openPostgres(relayed.url, undefined, 1);
    try {
      await db.query('CREATE TABLE t (i int PRIMARY KEY)');
      relayed.counter.turns = 0;
      const rows = await db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (i) VALUES ($1::int)', [1]);
        return tx.queryAndCommit({ sql: 'SELECT count(*)::int AS n FROM t', params: [] });
      });
      assert.deepEqual(rows, [{ n: 1 }]);
      assert.equal(relayed.counter.turns, 2);
    } finally {
      await db.close();
      await relayed.counter.close();
    }
  });
});
