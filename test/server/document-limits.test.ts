/**
 * The checks of a query text and its variables before graphql-js parses,
 * validates or coerces them (server/graphql/document-limits.ts,
 * argument-limits.ts), and the document cache keeping no refused text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema, parse, specifiedRules } from 'graphql';
import { DocumentCache } from '../../src/server/graphql/document-cache.js';
import { checkQueryText, checkRootFields, type DocumentLimits } from '../../src/server/graphql/document-limits.js';
import { checkVariableDepth } from '../../src/server/graphql/argument-limits.js';

const LIMITS: DocumentLimits = { maxDocumentSize: 10_000, maxTokens: 500, maxFilterDepth: 3, maxAliases: 3, maxDepth: 4 };
const codeOf = (query: string) => checkQueryText(query, LIMITS)?.extensions.code ?? null;

test('size is counted in UTF-8 bytes', () => {
  assert.equal(codeOf(`{ a }${' '.repeat(9995)}`), null);
  assert.equal(checkQueryText(`{ a }${' '.repeat(9996)}`, LIMITS)?.message, 'The query is 10001 bytes, more than the limit of 10000 (--max-document-size).');
  // 3,334 three-byte characters in a string: under 10,000 characters, over 10,000 bytes.
  assert.equal(codeOf(`{ a(s: "${'€'.repeat(3334)}") }`), 'QUERY_TOO_LARGE');
});

test('tokens are counted up to the first one too many; comments and whitespace are not tokens', () => {
  assert.equal(codeOf(`{ ${'a '.repeat(498)}}`), null);
  assert.equal(codeOf(`{ ${'a '.repeat(499)}}`), 'QUERY_TOO_LARGE');
  assert.equal(codeOf(`# ${'x'.repeat(5000)}\n{ a }`), null);
});

test('argument values may nest objects up to the filter depth, in arguments, directives and default values', () => {
  assert.equal(codeOf('{ a(f: { x: { y: { z: 1 } } }) }'), null);
  assert.equal(codeOf('{ a(f: { x: { y: { z: { w: 1 } } } }) }'), 'FILTER_TOO_DEEP');
  assert.equal(codeOf('{ a(f: [{ x: [{ y: [{ z: [[1]] }] }] }]) }'), null, 'lists add no level');
  assert.equal(codeOf(`{ a(f: ${'['.repeat(9)}1${']'.repeat(9)}) }`), 'FILTER_TOO_DEEP', 'but cannot nest without end');
  assert.equal(codeOf('query ($v: F = { a: { b: { c: { d: 1 } } } }) { a }'), 'FILTER_TOO_DEEP');
  assert.equal(codeOf('{ a @d(f: { a: { b: { c: { d: 1 } } } }) }'), 'FILTER_TOO_DEEP');
  // Siblings do not add up, and selection sets around arguments do not count.
  assert.equal(codeOf('{ a { b { c(f: { x: { y: 1 } }, g: { x: { y: { z: 1 } } }) } } }'), null);
});

test('selection sets may nest twice the field depth before parsing; a thousand levels never reach the parser', () => {
  assert.equal(codeOf(`${'{ a '.repeat(8)}${'}'.repeat(8)}`), null);
  assert.equal(checkQueryText(`${'{ a '.repeat(1000)}${'}'.repeat(1000)}`, LIMITS)?.extensions.code, 'QUERY_TOO_DEEP');
  let filter = '1';
  for (let i = 0; i < 5000; i++) filter = `{ and: [${filter}] }`;
  const roomy = { ...LIMITS, maxDocumentSize: 1e6, maxTokens: 1e6 };
  assert.equal(checkQueryText(`{ a(f: ${filter}) }`, roomy)?.extensions.code, 'FILTER_TOO_DEEP');
});

test('a syntax error is left to the parser, which gives its position', () => {
  assert.equal(codeOf('{ a(s: "unterminated) }'), null);
});

test('root fields are counted by response key, fragments expanded, per operation', () => {
  const count = (query: string) => checkRootFields(parse(query), 3)?.message ?? null;
  assert.equal(count('{ a b c a }'), null);
  assert.equal(count('query Q { a b c d }'), 'Operation "Q" selects more than 3 root fields (aliases count each), the limit (--max-aliases).');
  assert.equal(count('{ x: a y: a ... on Query { z: a } ...F } fragment F on Query { w: a }'), 'The operation selects more than 3 root fields (aliases count each), the limit (--max-aliases).');
  assert.equal(count('query A { a b } query B { c d }'), null);
  // Nested fields are not root fields.
  assert.equal(count('{ a { b c d e } }'), null);
});

test('variables are measured for nesting without recursion', () => {
  assert.equal(checkVariableDepth({ f: { a: [{ b: { c: 1 } }] } }, 3), null);
  assert.equal(checkVariableDepth({ f: { a: [{ b: { c: { d: 1 } } }] } }, 3)?.extensions.code, 'FILTER_TOO_DEEP');
  let deep: unknown = 1;
  for (let i = 0; i < 200_000; i++) deep = { and: [deep] };
  assert.equal(checkVariableDepth({ ok: 1, deep }, 3)?.message, 'Variable "$deep" nests input objects more than 3 levels deep, the limit (--max-filter-depth).');
});

test('the document cache keeps valid and invalid documents, never a refused text', () => {
  const schema = buildSchema('type Query { a: Int b: Int c: Int d: Int }');
  const target = { schema, validationRules: specifiedRules };
  const cache = new DocumentCache([], 10, LIMITS);
  const valid = cache.check(target, '{ a }');
  assert.equal(cache.check(target, '{ a }'), valid, 'kept');
  const invalid = cache.check(target, '{ nope }');
  assert.equal(cache.check(target, '{ nope }'), invalid, 'kept');
  for (const refused of [`{ ${'a '.repeat(600)}}`, '{ a b c d }', `{ a }${' '.repeat(10_000)}`]) {
    const first = cache.check(target, refused);
    assert.ok(first.errors);
    assert.notEqual(cache.check(target, refused), first, 'checked again, not kept');
  }
});
