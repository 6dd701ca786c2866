/**
 * Dgraph refuses a subscription that selects a `@custom`/`@lambda` field,
 * at the root type or nested, with its own message (graphql/e2e/custom_logic:
 * TestCustomFieldsInSubscription, TestSubscriptionInNestedCustomField); the
 * remote endpoint is never called. Both protocols.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROTOCOLS, startAuthline, subscribe, type Authline } from './support.js';
import { startJsonServer, type RunningServer } from '../custom/servers.js';

let remote: RunningServer;
let authline: Authline;

const schema = (url: string) => `
type Teacher @withSubscription {
  tid: ID!
  age: Int!
  name: String @custom(http: {url: "${url}/teacherName", method: POST, body: "{tid: $tid}", mode: SINGLE})
}

type Episode {
  name: String! @id
  anotherName: String! @custom(http: {url: "${url}/userNames", method: GET, body: "{uid: $name}", mode: BATCH})
}

type Character @withSubscription {
  name: String! @id
  episodes: [Episode]
}
`;

before(async () => {
  remote = await startJsonServer(() => ({ body: 'called' }));
  authline = await startAuthline(schema(remote.url));
});
after(async () => {
  await authline?.close();
  await remote?.close();
});

const CASES = [
  { query: 'subscription { getTeacher(tid: "0x2712") { name } }', field: 'name' },
  { query: 'subscription { queryCharacter { name ...E } } fragment E on Character { episodes { name anotherName } }', field: 'anotherName' },
];

for (const protocol of PROTOCOLS) {
  for (const { query, field } of CASES) {
    test(`${protocol}: a subscription selecting the custom field ${field} is refused with Dgraph's message`, async () => {
      const subscriber = subscribe(protocol, authline.wsUrl, query);
      try {
        await subscriber.received.ended();
        assert.equal(subscriber.received.results.length, 0);
        assert.match(JSON.stringify(subscriber.received.error), new RegExp(`Custom field \`${field}\` is not supported in graphql subscription`));
        assert.equal(remote.received.length, 0, 'the remote endpoint is not called');
      } finally {
        await subscriber.stop();
      }
    });
  }
}

test('a subscription without custom fields on the same types runs', async () => {
  const subscriber = subscribe('graphql-transport-ws', authline.wsUrl, 'subscription { queryTeacher { tid age } }');
  try {
    assert.deepEqual(await subscriber.received.next(), { data: { queryTeacher: [] } });
  } finally {
    await subscriber.stop();
  }
});
