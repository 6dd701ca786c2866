/**
 * Performance by design, counted: a GraphQL request whose traversal rule is
 * pushed into SQL costs the same number of statements over 20 nodes as over
 * 20,000, and nested selections do not multiply statements either.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../../src/engine/index.js';
import { openStore } from '../../src/store/index.js';
import { AUTH_LINE, json, run, token } from './support.js';

const SCHEMA = `type Team {
  id: ID!
  name: String! @search(by: [hash])
  members: [Member]
}
type Member {
  id: ID!
  username: String! @id
}
type Task @auth(query: { rule: """
  query($USER: String!) { queryTask { team { members(filter: { username: { eq: $USER } }) { __typename } } } }
""" }) {
  id: ID!
  title: String! @search(by: [hash])
  team: Team
}
${AUTH_LINE}`;

/** `tasks` tasks spread over 10 teams; alice is a member of team 0 only. */
function data(tasks: number): unknown[] {
  const nodes: unknown[] = [
    { uid: '_:alice', 'dgraph.type': 'Member', 'Member.username': 'alice' },
    { uid: '_:bob', 'dgraph.type': 'Member', 'Member.username': 'bob' },
  ];
  for (let t = 0; t < 10; t++) {
    nodes.push({ uid: `_:team${t}`, 'dgraph.type': 'Team', 'Team.name': `team${t}`, 'Team.members': [{ uid: t === 0 ? '_:alice' : '_:bob' }] });
  }
  for (let i = 0; i < tasks; i++) {
    nodes.push({ uid: `_:task${i}`, 'dgraph.type': 'Task', 'Task.title': `task${i}`, 'Task.team': { uid: `_:team${i % 10}` } });
  }
  return nodes;
}

async function measure(tasks: number) {
  let counting = false;
  let statements = 0;
  const store = await openStore({ onStatement: () => { if (counting) statements++; } });
  const service = await createService({ store });
  try {
    await service.uploadSchema(SCHEMA);
    await service.importData(data(tasks));
    const alice = await token({ USER: 'alice' });
    counting = true;
    const result = await run(service, `{
      queryTask(order: { asc: title }, first: 3) { title team { name members { username } } }
      aggregateTask { count }
    }`, { token: alice });
    counting = false;
    return { statements, result: json(result) };
  } finally {
    await service.close();
  }
}

test('a traversal rule over 20,000 nodes costs the same statements as over 20', async () => {
  const small = await measure(20);
  const large = await measure(20_000);
  assert.deepEqual(small.result, {
    data: {
      queryTask: [
        { title: 'task0', team: { name: 'team0', members: [{ username: 'alice' }] } },
        { title: 'task10', team: { name: 'team0', members: [{ username: 'alice' }] } },
      ],
      aggregateTask: { count: 2 },
    },
  });
  assert.deepEqual((large.result as { data: { aggregateTask: unknown } }).data.aggregateTask, { count: 2_000 });
  // One statement per root field, whatever the data size and nesting.
  assert.equal(small.statements, 2);
  assert.equal(large.statements, small.statements);
});
