import { test } from 'node:test';
import assert from 'node:assert/strict';
import { and, mapLeaves, not, or, settle, UNKNOWN } from '../../src/rules/kleene.js';
import type { Kleene } from '../../src/rules/kleene.js';

interface G {
  readonly kind: 'graph';
  readonly id: number;
}
const g = (id: number): G => ({ kind: 'graph', id });
const U = UNKNOWN;
type K = Kleene<G>;

test('Kleene truth tables for constants', () => {
  const values: K[] = [true, false, U];
  const name = (k: K) => (k === true ? 'T' : k === false ? 'F' : 'U');
  const table = (f: (a: K, b: K) => K) => values.map((a) => values.map((b) => name(f(a, b))).join('')).join(' ');
  assert.equal(table((a, b) => and([a, b])), 'TFU FFF UFU');
  assert.equal(table((a, b) => or([a, b])), 'TTT TFU TUU');
  assert.deepEqual(values.map((v) => name(not(v))), ['F', 'T', 'U']);
});

test('folding: and with false is false, or with true is true, neutral constants vanish', () => {
  assert.equal(and([g(1), false, U]), false);
  assert.equal(or([g(1), true, U]), true);
  assert.deepEqual(and([true, g(1)]), g(1));
  assert.deepEqual(or([false, g(1), false]), g(1));
  assert.equal(and([]), true);
  assert.equal(or([]), false);
  assert.deepEqual(and([g(1), and([g(2), g(3)])]), { kind: 'and', items: [g(1), g(2), g(3)] }, 'nested and flattens');
  assert.deepEqual(or([U, g(1), U]), { kind: 'or', items: [U, g(1)] }, 'one unknown is enough');
  assert.deepEqual(not(not(g(1))), g(1));
  assert.deepEqual(not(U), U);
});

test('settle: unknown acts as false under an even number of nots, as true under an odd one', () => {
  assert.equal(settle(U), false);
  assert.equal(settle(not(U)), false);
  assert.deepEqual(settle(or([g(1), U])), g(1));
  assert.equal(settle(and([g(1), U])), false);
  assert.deepEqual(settle(not(and([g(1), U]))), not(g(1)));
  assert.equal(settle(not(or([g(1), U]))), false);
});

/** Kleene value of a formula for an assignment of its graph leaves. */
function evaluate(k: K, leaves: readonly boolean[]): K {
  return mapLeaves<G, G>(k, (leaf) => leaves[leaf.id]);
}

function random(depth: number, next: () => number): K {
  const pick = Math.floor(next() * (depth > 0 ? 7 : 4));
  switch (pick) {
    case 0:
      return true;
    case 1:
      return false;
    case 2:
      return U;
    case 3:
      return g(Math.floor(next() * 3));
    case 4:
      return not(random(depth - 1, next));
    case 5:
      return and([random(depth - 1, next), random(depth - 1, next), random(depth - 1, next)]);
    default:
      return or([random(depth - 1, next), random(depth - 1, next)]);
  }
}

test('settle keeps exactly the nodes for which the Kleene value is true (2000 random formulas)', () => {
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 2000; i++) {
    const formula = random(4, next);
    const settled = settle(formula);
    assert.equal(JSON.stringify(settled).includes('unknown'), false);
    for (let bits = 0; bits < 8; bits++) {
      const leaves = [bits & 1, bits & 2, bits & 4].map(Boolean);
      assert.equal(evaluate(settled, leaves) === true, evaluate(formula, leaves) === true, JSON.stringify(formula));
    }
  }
});
