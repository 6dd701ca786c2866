/**
 * The upload path: every mistake of an upload together, sorted by position,
 * and a rejected upload changes nothing (the old schema keeps serving).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createService } from '../../src/engine/index.js';
import { SchemaRejectedError } from '../../src/sdl/errors.js';
import { openStore } from '../../src/store/index.js';
import { AUTH_LINE, json, run, token } from './support.js';

const TODO = `type Todo @auth(query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }) {
  id: ID!
  title: String! @search(by: [term])
}
${AUTH_LINE}`;

test('a rejected upload lists every mistake with its position, and the old schema keeps serving', async () => {
  const service = await createService({ store: await openStore() });
  try {
    const first = await service.uploadSchema(TODO);
    await run(service, 'mutation { addTodo(input: [{title: "kept"}]) { numUids } }', { token: await token({ ROLE: 'ADMIN' }) });

    const bad = `type Todo @auth(query: { rule: "{$ROLE: {xyz: \\"ADMIN\\"}}" }) {
  id: ID!
  title: String! @search(by: [term])
  owner: Nope
}
# Dgraph.Authorization {"VerificationKey":"k","Header":"X-Auth","Algo":"HS256"}`;
    const rejected = await service.uploadSchema(bad).then(
      () => assert.fail('the upload must be rejected'),
      (error: unknown) => error,
    );
    assert.ok(rejected instanceof SchemaRejectedError);
    const errors = rejected.errors.map((e) => ({ message: e.message, line: e.locations[0]?.line }));
    // The unknown type stops the pipeline before rules are compiled; the auth line is read regardless.
    assert.deepEqual(errors, [
      { message: 'Undefined type Nope.', line: 4 },
      { message: 'required field missing in Dgraph.Authorization: `Namespace`', line: 6 },
    ]);
    assert.ok(rejected.errors.every((e) => e.locations.length > 0 && e.locations[0].column > 0));

    assert.equal(service.current(), first, 'the old schema is still the one served');
    assert.deepEqual(json(await run(service, '{ queryTodo { title } }', { token: await token({ ROLE: 'ADMIN' }) })), {
      data: { queryTodo: [{ title: 'kept' }] },
    });
  } finally {
    await service.close();
  }
});

test('rule mistakes are reported together with the auth line\'s, in SDL order', async () => {
  const service = await createService({ store: await openStore() });
  try {
    const bad = `type Todo @auth(
  query: { rule: "{$ROLE: {xyz: \\"ADMIN\\"}}" },
  add: { rule: "query { queryTodo(filter: {titel: {anyofterms: \\"x\\"}}) { id } }" }
) {
  id: ID!
  title: String! @search(by: [term])
}
# Dgraph.Authorization {"VerificationKey":"k","Header":"X-Auth","Namespace":"n","Algo":"HS999"}`;
    const rejected = await service.uploadSchema(bad).catch((error: unknown) => error);
    assert.ok(rejected instanceof SchemaRejectedError);
    assert.deepEqual(rejected.errors.map((e) => e.locations[0]?.line), [2, 3, 8]);
    assert.match(rejected.errors[0].message, /^Type Todo: @auth: `xyz` operator is not supported\.$/);
    assert.match(rejected.errors[1].message, /^Type Todo: @auth: failed to validate GraphQL rule \[reason : Field "titel" is not defined by type "?TodoFilter"?/);
    assert.match(rejected.errors[2].message, /^invalid jwt algorithm: found HS999, but supported options are: /);
    assert.equal(service.current(), null, 'nothing was loaded');
  } finally {
    await service.close();
  }
});
