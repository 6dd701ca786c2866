/**
 * Before anything is timed: every timed request is sent to authline and to
 * the yoga peer, and their answers must be identical (same data, same
 * order, same shape; the add mutation's payload carries no ids, so it
 * compares exactly too). Every forbidden case must be refused by both: no
 * data. A difference stops the run with a diff of the two answers.
 */
import { isDeepStrictEqual } from 'node:util';
import { post, type Answer } from './http.js';
import { itemsOf, type Forbidden, type Scenario } from './scenarios.js';
import type { Variant } from './schema.js';

export interface Targets {
  /** Puts authline in the phase's schema; the peer has one endpoint per phase. */
  use(variant: Variant): Promise<void>;
  url(server: 'authline' | 'yoga', variant: Variant): string;
}

export class HonestyError extends Error {}

export const PHASES: readonly Variant[] = ['noauth', 'hs256', 'jwks'];

/** Runs every check, phase by phase; returns one line per check passed, throws HonestyError at the first failure. */
export async function checkHonesty(targets: Targets, timed: readonly Scenario[], forbidden: readonly Forbidden[]): Promise<string[]> {
  const passed: string[] = [];
  for (const variant of PHASES) {
    await targets.use(variant);
    for (const f of forbidden.filter((c) => c.variant === variant)) {
      const [a, y] = await both(targets, variant, f);
      const shown = { authline: itemsOf(a, f.field).length, yoga: itemsOf(y, f.field).length };
      if (a.status !== 200 || y.status !== 200 || shown.authline > 0 || shown.yoga > 0) {
        throw new HonestyError(`forbidden case "${f.name}" was not refused by both:\n${sideBySide(a, y)}`);
      }
      passed.push(`refused by both: ${f.name}`);
    }
    for (const s of timed.filter((c) => c.variant === variant)) {
      const [a, y] = await both(targets, variant, s);
      if (a.json.errors || y.json.errors || a.status !== 200 || y.status !== 200) {
        throw new HonestyError(`${s.name}: an answer has errors:\n${sideBySide(a, y)}`);
      }
      if (itemsOf(a, s.field).length === 0) throw new HonestyError(`${s.name}: authline answered no data, which proves nothing:\n${sideBySide(a, y)}`);
      if (!isDeepStrictEqual(a.json, y.json)) {
        throw new HonestyError(`${s.name}: authline and yoga answer differently:\n${diff(a.json, y.json).join('\n')}`);
      }
      passed.push(`same answer: ${s.name} (${itemsOf(a, s.field).length} items)`);
    }
  }
  return passed;
}

function both(targets: Targets, variant: Variant, c: Scenario | Forbidden): Promise<[Answer, Answer]> {
  return Promise.all([post(targets.url('authline', variant), c.request), post(targets.url('yoga', variant), c.request)]);
}

function sideBySide(a: Answer, y: Answer): string {
  return `  authline ${a.status}: ${JSON.stringify(a.json)}\n  yoga     ${y.status}: ${JSON.stringify(y.json)}`;
}

/** Each path where the two JSON values differ (at most 20), `- authline` / `+ yoga`. */
function diff(a: unknown, b: unknown, path = '$', out: string[] = []): string[] {
  if (out.length >= 20 || isDeepStrictEqual(a, b)) return out;
  const bothObjects = a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) {
    out.push(`${path}\n  - authline ${JSON.stringify(a)}\n  + yoga     ${JSON.stringify(b)}`);
    return out;
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
  for (const k of keys) {
    const step = Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`;
    diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], step, out);
  }
  return out;
}
