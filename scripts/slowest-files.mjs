/**
 * A test reporter for node's runner that prints, once the run ends, the test
 * files whose tests took longest: the sum of each file's top-level tests and
 * suites (node does not report a file's own start or its file-level hooks,
 * and reports files in order rather than as they run, so this is the one
 * per-file figure it gives). The suite has a time budget (~10 minutes on 2
 * cores); this says where it goes. Used by scripts/run-tests.ts beside the
 * spec reporter. Plain JavaScript: node loads reporters before any --import
 * hook, so tsx cannot load it.
 */
const SHOWN = 15;

/** @param {AsyncIterable<{ type: string, data?: { file?: string, nesting?: number, details?: { duration_ms?: number } } }>} source */
export default async function* slowestFiles(source) {
  /** @type {Map<string, number>} */
  const totals = new Map();
  // A suite declared by a helper module (test/support/conformance.ts's
  // describeConformance) carries the helper's path; node reports each file's
  // tests together, so it belongs to the last test file seen.
  let lastTestFile;
  for await (const { type, data } of source) {
    if (!data?.file) continue;
    if (data.file.endsWith('.test.ts')) lastTestFile = data.file;
    if ((type !== 'test:pass' && type !== 'test:fail') || data.nesting !== 0) continue;
    const file = data.file.endsWith('.test.ts') ? data.file : lastTestFile ?? data.file;
    totals.set(file, (totals.get(file) ?? 0) + (data.details?.duration_ms ?? 0));
  }
  const slowest = [...totals]
    .map(([file, ms]) => ({ file: file.replace(`${process.cwd()}/`, ''), seconds: ms / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, SHOWN);
  if (slowest.length === 0) return;
  yield `\nslowest test files (seconds in their top-level tests):\n`;
  for (const { file, seconds } of slowest) yield `${seconds.toFixed(1).padStart(7)}  ${file}\n`;
}
