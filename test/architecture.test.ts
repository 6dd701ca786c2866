/**
 * Data flows one way through src/: a stage imports only from itself and the
 * stages before it (src/README.md), and no files import each other in a
 * circle, inside a stage or across stages. This test reads every import in
 * src/ (type-only ones too) and fails on any that points downstream, on any
 * cycle, and on a way into a folder that bypasses the folder's entrance.
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

/** The relative imports of `file` (`from '...'`, `import '...'`, `import('...')`, type-only ones too), as written. */
function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((match) => match[1]);
}

/** The file an import names (imports name the .js that the .ts compiles to). */
function target(file: string, specifier: string): string {
  return resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
}

test('no stage imports a later stage', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const from = stageOf(file);
    if (!from) continue; // top-level entry points (index.ts) may import anything
    for (const specifier of importsOf(file)) {
      const to = stageOf(target(file, specifier));
      if (!to) continue;
      if (STAGES.indexOf(to) > STAGES.indexOf(from) || FORBIDDEN.some(([a, b]) => a === from && b === to)) {
        violations.push(`${relative(SRC, file)} imports ${specifier} (${from} → ${to})`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

/** Folders whose files the rest of the code reaches only through the folder's index.ts. */
const ENTRANCES = ['store/sql'];

test('a folder with an entrance is reached only through it', () => {
  const violations: string[] = [];
  for (const folder of ENTRANCES.map((f) => join(SRC, f))) {
    for (const file of files(SRC).filter((f) => !f.startsWith(`${folder}${sep}`))) {
      for (const specifier of importsOf(file)) {
        const to = target(file, specifier);
        if (to.startsWith(`${folder}${sep}`) && to !== join(folder, 'index.ts')) violations.push(`${relative(SRC, file)} imports ${specifier}`);
      }
    }
  }
  assert.deepEqual(violations, []);
});

test('the store sends only statements built with the sql tag (store/sql/fragment.ts), never SQL text', () => {
  const store = join(SRC, 'store');
  const backends = join(store, 'backend');
  const violations = files(store)
    .filter((file) => !file.startsWith(`${backends}${sep}`))
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\.query\(\s*[`'"]/g)].map(() => relative(SRC, file)));
  assert.deepEqual(violations, []);
});

/** Every file in src/ → the files it imports. */
function importGraph(): Map<string, string[]> {
  return new Map(files(SRC).map((file) => [file, [...new Set(importsOf(file).map((specifier) => target(file, specifier)))]]));
}

/**
 * The strongly connected components of `graph` that are cycles (Tarjan's
 * algorithm): every set of files that reach each other through imports.
 */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const order = new Map<string, number>();
  const lowest = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, order.size);
    lowest.set(file, order.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!order.has(target)) {
        visit(target);
        lowest.set(file, Math.min(lowest.get(file)!, lowest.get(target)!));
      } else if (onStack.has(target)) {
        lowest.set(file, Math.min(lowest.get(file)!, order.get(target)!));
      }
    }
    if (lowest.get(file) !== order.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return cycles;
}

test('the cycle detector finds a cycle, however long, and only cycles', () => {
  const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a', 'd']], ['d', []], ['e', ['e']], ['f', ['d']]]);
  assert.deepEqual(importCycles(graph), [['a', 'b', 'c'], ['e']]);
});

test('no import cycles anywhere in src/, inside a stage or across stages', () => {
  const cycles = importCycles(importGraph()).map((cycle) => cycle.map((file) => relative(SRC, file)).join(' ⇄ '));
  assert.deepEqual(cycles, []);
});

/** Metrics are the server's: the stages below it report through their observer interfaces. */
test('only the server imports the metrics library', () => {
  const importers = files(SRC)
    .filter((file) => /from\s+['"]prom-client['"]/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file));
  assert.ok(importers.length > 0, 'nothing imports prom-client: is the pattern stale?');
  assert.deepEqual(importers.filter((file) => stageOf(resolve(SRC, file)) !== 'server'), []);
});
