/**
 * Several authline processes on one PostgreSQL: a schema uploaded through
 * one reaches the others within seconds, and they all serve the same data.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../../src/engine/index.js';
import { openStore } from '../../src/store/index.js';
import { createTestDatabase, stopOwnCluster } from '../support/postgres.js';
import { AUTH_LINE, eventually, json, run, token } from './support.js';

after(stopOwnCluster);

const schema = (extra: string) => `type Note @auth(query: { rule: "{$ROLE: {eq: \\"READER\\"}}" }) {
  id: ID!
  text: String! @search(by: [hash])
  ${extra}
}
${AUTH_LINE}`;

test('an upload through one service is served by another on the same PostgreSQL', async () => {
  const db = await createTestDatabase();
  const a = await createService({ store: await openStore({ databaseUrl: db.url }) });
  const b = await createService({ store: await openStore({ databaseUrl: db.url }) });
  try {
    assert.equal(b.current(), null);
    const uploaded = await a.uploadSchema(schema(''));
    const seenByB = await eventually(() => (b.current()?.version === uploaded.version ? b.current() : undefined));
    assert.equal(seenByB?.sdl, uploaded.sdl);

    await run(a, 'mutation { addNote(input: [{text: "from a"}]) { numUids } }');
    const reader = await token({ ROLE: 'READER' });
    assert.deepEqual(json(await run(b, '{ queryNote { text } }', { token: reader })), { data: { queryNote: [{ text: 'from a' }] } });

    // And back: b's upload (a new field) reaches a, whose API then has it.
    const second = await b.uploadSchema(schema('tag: String'));
    await eventually(() => (a.current()?.version === second.version ? true : undefined));
    assert.deepEqual(json(await run(a, '{ queryNote { text tag } }', { token: reader })), {
      data: { queryNote: [{ text: 'from a', tag: null }] },
    });
  } finally {
    await a.close();
    await b.close();
    await db.drop();
  }
});

test('a service started later serves the schema already stored', async () => {
  const db = await createTestDatabase();
  const first = await createService({ store: await openStore({ databaseUrl: db.url }) });
  try {
    const uploaded = await first.uploadSchema(schema(''));
    const later = await createService({ store: await openStore({ databaseUrl: db.url }) });
    try {
      assert.equal(later.current()?.version, uploaded.version);
      assert.deepEqual(await later.health(), {
        schema: { loaded: true, version: uploaded.version },
        store: { reachable: true, description: (await first.health()).store.description },
      });
    } finally {
      await later.close();
    }
  } finally {
    await first.close();
    await db.drop();
  }
});
