/** The sql tag (store/sql/fragment.ts): what becomes SQL text and what is bound. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Sql, identifier, join, literal, param, render, sql, textArray } from '../../src/store/sql/fragment.js';

test('interpolated values are bound as parameters, never spliced into the text', () => {
  const hostile = "x'; DROP TABLE authline.node; --";
  assert.deepEqual(render(sql`SELECT 1 WHERE a = ${hostile} AND b = ${true} AND c = ${42n}`), {
    sql: 'SELECT 1 WHERE a = $1::text AND b = $2::boolean AND c = $3::bigint',
    params: [hostile, true, '42'],
  });
});

test('fragments are spliced; parameters are numbered in the order the final text shows them', () => {
  const inner = sql`b = ${param(2, 'integer')}`;
  const outer = sql`SELECT ${sql`x`} WHERE ${inner} AND a = ${param(1, 'integer')}`;
  assert.deepEqual(render(outer), { sql: 'SELECT x WHERE b = $1::integer AND a = $2::integer', params: [2, 1] });
});

test('one parameter interpolated twice is bound once; equal values stay distinct parameters', () => {
  const text = param('ann', 'text');
  assert.deepEqual(render(sql`${text} || ${text} || ${'ann'}`), { sql: '$1::text || $1::text || $2::text', params: ['ann', 'ann'] });
});

test('values whose SQL type is not evident must be given one', () => {
  assert.throws(() => sql`LIMIT ${5 as unknown as string}`, /cannot bind number without a type/);
  assert.throws(() => sql`${{ a: 1 } as unknown as string}`, /cannot bind object without a type/);
  assert.deepEqual(render(sql`LIMIT ${param(5, 'bigint')}`).params, [5]);
});

test('schema names become text only through the explicit helpers, quoted', () => {
  assert.equal(render(literal("O'Brien.name")).sql, "'O''Brien.name'");
  assert.equal(render(textArray(['A', "B'"])).sql, "ARRAY['A', 'B''']::text[]");
  assert.equal(render(textArray([])).sql, "'{}'::text[]");
  assert.equal(render(identifier('n0')).sql, 'n0');
  assert.equal(render(identifier('und-x-icu')).sql, '"und-x-icu"');
  assert.equal(render(identifier('we"ird')).sql, '"we""ird"');
  assert.throws(() => literal('a\0b'), /NUL/);
  assert.throws(() => identifier('a\0b'), /NUL/);
});

test('join puts a separator between fragments, and nothing for none', () => {
  assert.equal(render(join([sql`a`, sql`b`, sql`c`], sql` AND `)).sql, 'a AND b AND c');
  assert.equal(render(join([], sql` AND `)).sql, '');
});

test('SQL text cannot be made from a run-time string: only template literals and the helpers make it', () => {
  const text = ['DELETE FROM authline.node'];
  assert.throws(() => sql(text as unknown as TemplateStringsArray), /template tag/);
  assert.throws(() => sql(Object.assign(text, { raw: text }) as unknown as TemplateStringsArray), /template tag/);
  const Forged = Sql as unknown as new (mint: symbol, texts: string[], items: unknown[]) => Sql;
  assert.throws(() => new Forged(Symbol('sql'), ['DELETE FROM authline.node'], []), /made with the sql tag/);
});
