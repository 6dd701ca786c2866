import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind, print } from 'graphql';
import type { ObjectTypeDefinitionNode } from 'graphql';
import { blankEmptyArguments, parseSdl, parseTolerant } from '../../src/sdl/index.js';
import { CONFORMANCE_SKIP, conformanceSchema } from '../support/conformance.js';

test('empty argument lists parse, with every offset kept', () => {
  const text = 'type Review @auth() {\n  id: ID!\n  comment: String! @search()\n}\n';
  const blanked = blankEmptyArguments(text);
  assert.equal(blanked.length, text.length);
  assert.equal(blanked, 'type Review @auth   {\n  id: ID!\n  comment: String! @search  \n}\n');
  const { document, errors } = parseSdl(text);
  assert.deepEqual(errors, []);
  const review = document?.definitions[0] as ObjectTypeDefinitionNode;
  assert.equal(review.directives?.[0].name.value, 'auth');
  assert.equal(review.directives?.[0].arguments?.length ?? 0, 0);
  // The field after the blanked parentheses is still where the user wrote it.
  assert.equal(review.fields?.[1].loc?.start, text.indexOf('comment'));
});

test('parentheses inside strings, block strings and comments are left alone', () => {
  const text = 'type T @auth(query: {rule: "query() {}"}) {\n  # f()\n  f: String @dgraph(pred: """p()""")\n}\n';
  assert.equal(blankEmptyArguments(text), text);
});

test('empty arguments in queries parse too (Dgraph accepts queryX())', () => {
  const doc = parseTolerant('query { queryContact() { id } }');
  assert.equal(print(doc).replace(/\s+/g, ' ').trim(), '{ queryContact { id } }');
});

test('syntax errors carry their line and column in the original text', () => {
  const { document, errors } = parseSdl('type A {\n  id: ID!\n}\n\ntype B {\n  name String\n}\n');
  assert.equal(document, null);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /^Syntax Error: Expected ":", found Name "String"\.$/);
  assert.deepEqual(errors[0].locations, [{ line: 6, column: 8 }]);
});

test('an empty upload is refused with Dgraph\'s message; a comments-only upload is an empty document', () => {
  assert.deepEqual(parseSdl('').errors.map((e) => e.message), ['No schema specified']);
  const onlyComments = parseSdl('# Dgraph.Authorization {"Header":"X"}\n');
  assert.deepEqual(onlyComments.errors, []);
  assert.deepEqual(onlyComments.document, { kind: Kind.DOCUMENT, definitions: [] });
});

test('Dgraph.Allow-Origin lines configure origins, deduplicated in order', () => {
  const text = [
    'type T { id: ID! name: String }',
    '# Dgraph.Allow-Origin "https://a.example.com"',
    '  #  Dgraph.Allow-Origin "http://localhost:3000"',
    '# Dgraph.Allow-Origin "https://a.example.com"',
    '# Dgraph.Authorization {"VerificationKey":"k","Header":"X","Namespace":"n","Algo":"HS256"}',
  ].join('\n');
  const { allowOrigins, errors } = parseSdl(text);
  assert.deepEqual(errors, []);
  assert.deepEqual(allowOrigins, ['https://a.example.com', 'http://localhost:3000']);
});

test('a malformed Dgraph.Allow-Origin line is an error with Dgraph\'s wording and its line', () => {
  const text = 'type T { id: ID! name: String }\n# Dgraph.Allow-Origin https://a.example.com\n# Dgraph.Allow-Origin "a" "b"\n';
  const { errors, allowOrigins } = parseSdl(text);
  assert.deepEqual(allowOrigins, []);
  assert.deepEqual(
    errors.map((e) => e.toJSON()),
    [
      {
        message:
          'incorrect format for specifying Dgraph.Allow-Origin found for comment: `# Dgraph.Allow-Origin https://a.example.com`, ' +
          'it should be `# Dgraph.Allow-Origin "http://example.com"`',
        locations: [{ line: 2, column: 1 }],
      },
      {
        message:
          'incorrect format for specifying Dgraph.Allow-Origin found for comment: `# Dgraph.Allow-Origin "a" "b"`, ' +
          'it should be `# Dgraph.Allow-Origin "http://example.com"`',
        locations: [{ line: 3, column: 1 }],
      },
    ],
  );
});

test('the Dgraph e2e auth schema parses, @auth() included', { skip: CONFORMANCE_SKIP }, () => {
  const { document, errors } = parseSdl(conformanceSchema());
  assert.deepEqual(errors, []);
  const review = document?.definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Review') as ObjectTypeDefinitionNode;
  assert.deepEqual(review.directives?.map((d) => [d.name.value, d.arguments?.length ?? 0]), [['auth', 0]]);
});

test('Dgraph.Secret lines: the name, and the one quoted value after it (spaces kept); a later line wins', () => {
  const text = [
    'type T { id: ID! name: String }',
    '# Dgraph.Secret API_KEY "key one"',
    '   # Dgraph.Secret "TOKEN" "Bearer abc"',
    '# Dgraph.Secret API_KEY "key two"',
  ].join('\n');
  const { secrets, errors } = parseSdl(text);
  assert.deepEqual(errors, []);
  assert.deepEqual([...secrets], [['API_KEY', 'key two'], ['TOKEN', 'Bearer abc']]);
});

test('a malformed Dgraph.Secret line is an error with Dgraph\'s wording and its place', () => {
  const { errors, secrets } = parseSdl('type T { id: ID! }\n# Dgraph.Secret KEY\n  # Dgraph.Secret KEY "a" "b"\n');
  assert.equal(secrets.size, 0);
  assert.deepEqual(
    errors.map((e) => e.toJSON()),
    [
      { message: 'incorrect format for specifying Dgraph secret found for comment: `# Dgraph.Secret KEY`, it should be `# Dgraph.Secret key value`', locations: [{ line: 2, column: 1 }] },
      {
        message: 'incorrect format for specifying Dgraph secret found for comment: `# Dgraph.Secret KEY "a" "b"`, it should be `# Dgraph.Secret key value`',
        locations: [{ line: 3, column: 3 }],
      },
    ],
  );
});
