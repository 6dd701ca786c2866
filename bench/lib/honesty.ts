/**
 * Before anything is timed: every timed request is sent to authline and to
 * the server it is compared with (the yoga peer on the same backend, the
 * in-memory graphql-js ceiling, or for the series of sizes the answer worked
 * out from the data set, bench/lib/expected.ts), and their answers must be
 * identical (same data, same order, same shape; the add mutation's payload
 * carries no ids, so it compares exactly too) and not empty. Every
 * forbidden case must be refused by authline and the peer: no data. A
 * difference stops the run with a diff of the two answers.
 */
import { isDeepStrictEqual } from 'node:util';
import { post, type Answer, type Request } from './http.js';
import { itemsOf, type Forbidden, type Scenario } from './scenarios.js';
import type { Variant } from './schema.js';

export interface Targets {
  /** Puts authline in the phase's schema; the peer has one endpoint per phase. */
  use(variant: Variant): Promise<void>;
  url(server: 'authline' | 'yoga', variant: Variant): string;
}

export class HonestyError extends Error {}

export const PHASES: readonly Variant[] = ['noauth', 'hs256', 'jwks'];

/** One side of a comparison: who answered, and what. */
export type Labelled = readonly [label: string, answer: Answer];

/** Runs every check, phase by phase; returns one line per check passed, throws HonestyError at the first failure. */
export async function checkHonesty(targets: Targets, timed: readonly Scenario[], forbidden: readonly Forbidden[]): Promise<string[]> {
  const passed: string[] = [];
  for (const variant of PHASES) {
    await targets.use(variant);
    for (const f of forbidden.filter((c) => c.variant === variant)) {
      const [a, y] = await both(targets, variant, f.request);
      const shown = { authline: itemsOf(a, f.field).length, yoga: itemsOf(y, f.field).length };
      if (a.status !== 200 || y.status !== 200 || shown.authline > 0 || shown.yoga > 0) {
        throw new HonestyError(`forbidden case "${f.name}" was not refused by both:\n${sideBySide(['authline', a], ['yoga', y])}`);
      }
      passed.push(`refused by both: ${f.name}`);
    }
    for (const s of timed.filter((c) => c.variant === variant)) {
      const [a, y] = await both(targets, variant, s.request);
      passed.push(expectSame(s.name, s.field, ['authline', a], ['yoga', y]));
    }
  }
  return passed;
}

/**
 * The two answers to one request must be 200s without errors, show items
 * under `field`, and be equal. Returns the line that says so; throws
 * HonestyError otherwise.
 */
export function expectSame(name: string, field: string, first: Labelled, second: Labelled): string {
  const [, a] = first;
  const [, b] = second;
  if (a.json.errors || b.json.errors || a.status !== 200 || b.status !== 200) {
    throw new HonestyError(`${name}: an answer has errors:\n${sideBySide(first, second)}`);
  }
  if (itemsOf(a, field).length === 0) throw new HonestyError(`${name}: ${first[0]} answered no data, which proves nothing:\n${sideBySide(first, second)}`);
  if (!isDeepStrictEqual(a.json, b.json)) {
    throw new HonestyError(`${name}: ${first[0]} and ${second[0]} answer differently:\n${diff(first[0], a.json, second[0], b.json).join('\n')}`);
  }
  return `same answer: ${name}, ${first[0]} and ${second[0]} (${itemsOf(a, field).length} items)`;
}

function both(targets: Targets, variant: Variant, request: Request): Promise<[Answer, Answer]> {
  return Promise.all([post(targets.url('authline', variant), request), post(targets.url('yoga', variant), request)]);
}

function sideBySide(...sides: Labelled[]): string {
  const width = Math.max(...sides.map(([label]) => label.length));
  return sides.map(([label, answer]) => `  ${label.padEnd(width)} ${answer.status}: ${JSON.stringify(answer.json)}`).join('\n');
}

/** Each path where the two JSON values differ (at most 20), `- first` / `+ second`. */
function diff(labelA: string, a: unknown, labelB: string, b: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= 20 || isDeepStrictEqual(a, b)) return out;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    const width = Math.max(labelA.length, labelB.length);
    out.push(`${path}\n  - ${labelA.padEnd(width)} ${JSON.stringify(a)}\n  + ${labelB.padEnd(width)} ${JSON.stringify(b)}`);
    return out;
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const k of keys) {
    const step = Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`;
    diff(labelA, (a as Record<string, unknown>)[k], labelB, (b as Record<string, unknown>)[k], step, out);
  }
  return out;
}
