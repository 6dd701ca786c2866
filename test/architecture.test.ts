/**
 * Data flows one way through src/: a stage imports only from itself and the
 * stages before it (src/README.md). This test reads every import in src/ and
 * fails on any that points downstream.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const STAGES = ['sdl', 'authline', 'verifier', 'model', 'api', 'plan', 'rules', 'store', 'engine', 'library', 'server', 'cli'];
const SRC = resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function stageOf(path: string): string | undefined {
  const first = relative(SRC, path).split(sep)[0];
  return STAGES.includes(first) ? first : undefined;
}

test('every src/ folder is a known stage', () => {
  const folders = readdirSync(SRC).filter((e) => statSync(join(SRC, e)).isDirectory());
  assert.deepEqual(folders.filter((f) => !STAGES.includes(f)), []);
});

/** Beyond the order: library mode works on user resolvers with no store at all. */
const FORBIDDEN: ReadonlyArray<readonly [string, string]> = [['library', 'store']];

test('no stage imports a later stage', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const from = stageOf(file);
    if (!from) continue; // top-level entry points (index.ts) may import anything
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = stageOf(resolve(dirname(file), match[1]));
      if (!target) continue;
      if (STAGES.indexOf(target) > STAGES.indexOf(from) || FORBIDDEN.some(([a, b]) => a === from && b === target)) {
        violations.push(`${relative(SRC, file)} imports ${match[1]} (${from} → ${target})`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

/** Metrics are the server's: the stages below it report through their observer interfaces. */
test('only the server imports the metrics library', () => {
  const importers = files(SRC)
    .filter((file) => /from\s+['"]prom-client['"]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file));
  assert.ok(importers.length > 0, 'nothing imports prom-client: is the pattern stale?');
  assert.deepEqual(importers.filter((file) => stageOf(resolve(SRC, file)) !== 'server'), []);
});
