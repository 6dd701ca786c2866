/**
 * Dgraph's e2e auth fixture (schema and data). It is shared beside the
 * repository (../shared/conformance), not copied into it; set
 * AUTHLINE_CONFORMANCE_DIR to read it from elsewhere. This module is the only
 * place that reads it.
 *
 * A user's clone has no ../shared: the tests that need the fixture are then
 * skipped, each with the reason, so `npm test` passes and says what it did
 * not run. CI sets AUTHLINE_REQUIRE_CONFORMANCE=1 (.ci/run does): then a
 * missing fixture fails those tests instead, so they can never pass by not
 * running where they must run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const besideRepo = fileURLToPath(new URL('../../../shared/conformance/dgraph-e2e-auth', import.meta.url));

export const CONFORMANCE_DIR = process.env.AUTHLINE_CONFORMANCE_DIR ?? besideRepo;

const FILES = ['schema.graphql', 'test_data.json'] as const;
const missing = FILES.filter((file) => !existsSync(`${CONFORMANCE_DIR}/${file}`));
const required = process.env.AUTHLINE_REQUIRE_CONFORMANCE === '1';

/**
 * Why the tests that need the fixture are skipped here, or undefined when
 * they run (the fixture is present, or required: then reading it fails them).
 * Pass it as a test's `skip` option.
 */
export const CONFORMANCE_SKIP: string | undefined =
  missing.length === 0 || required
    ? undefined
    : `needs Dgraph's e2e auth fixture, not found at ${CONFORMANCE_DIR} (set AUTHLINE_CONFORMANCE_DIR)`;

/**
 * A suite that needs the fixture. Without it the suite is one skipped test
 * carrying the reason (node's runner does not count a skipped suite in its
 * summary), and its body never runs, so it may read the fixture freely.
 */
export function describeConformance(name: string, body: () => void): void {
  if (CONFORMANCE_SKIP) test(name, { skip: CONFORMANCE_SKIP }, () => {});
  else describe(name, body);
}

const texts = new Map<string, string>();

function read(file: (typeof FILES)[number]): string {
  let text = texts.get(file);
  if (text === undefined) {
    const path = `${CONFORMANCE_DIR}/${file}`;
    if (!existsSync(path)) {
      throw new Error(
        `Dgraph e2e auth fixture not found at ${path}; set AUTHLINE_CONFORMANCE_DIR` +
          (required ? ' (AUTHLINE_REQUIRE_CONFORMANCE=1 makes it mandatory)' : ''),
      );
    }
    text = readFileSync(path, 'utf8');
    texts.set(file, text);
  }
  return text;
}

/** The e2e auth schema as Dgraph ships it (no auth line). Call it inside a test or a conformance suite. */
export function conformanceSchema(): string {
  return read('schema.graphql');
}

/** The e2e auth data: a Dgraph JSON mutation. */
export function conformanceData(): unknown {
  return JSON.parse(read('test_data.json'));
}

/** A value built from the fixture on first use, for files whose tests share it (built at load, it would fail the file). */
export function fromConformance<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
