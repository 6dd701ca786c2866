/**
 * `authline test FILE...`: policy tests a team writes against its own
 * schema, so that CI proves who sees what. Each file is run in memory on
 * the real engine (policy/run-cases.ts); one line per case, a diff for
 * each failure, a closing `N passed, N failed`, exit 1 on any failure.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../args.js';
import type { Command } from '../command.js';
import { readPolicyFile } from '../policy/case-file.js';
import { runPolicyFile, type FileOutcome } from '../policy/run-cases.js';

const usage = `Usage: authline test FILE... [options]

Runs the policy tests in each FILE (YAML, or the same as JSON) on the real
engine, in memory: no server, no database. A file names its schema, its
data (Dgraph JSON) and its cases; each case sends a query with a token
minted from its claims (or none, expired, bad-signature, or a literal
token) and says the data and/or errors it expects. Tokens are signed with
an HMAC line's own key; for a public-key line (RS*, ES*, PS*, EdDSA, JWKS)
the run serves the schema with a throwaway key pair instead of the line's
keys, and says so. See docs/cli.md for the format. Exits 1 if any case
fails.

Options:
      --reporter R   text (default): a line per case, a diff per failure;
                     json: one JSON document with each case's outcome
  -h, --help         show this help
`;

export const test: Command = {
  name: 'test',
  usage,
  async run(argv, rt) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { reporter: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      rt.stdout(usage);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('missing the FILE of policy tests');
    if (values.reporter !== 'text' && values.reporter !== 'json') throw new UsageError(`--reporter must be text or json, got "${values.reporter}"`);
    // Every file is read and checked before any runs: a mistake in one runs none.
    const files = await Promise.all(positionals.map((path) => readPolicyFile(path, rt.cwd)));
    const outcomes: FileOutcome[] = [];
    for (const file of files) {
      const outcome = await runPolicyFile(file, rt);
      outcomes.push(outcome);
      if (values.reporter === 'text') rt.stdout(textReport(outcome));
    }
    const cases = outcomes.flatMap((o) => o.cases);
    const passed = cases.filter((c) => c.outcome === 'passed').length;
    const failed = cases.length - passed;
    if (values.reporter === 'json') {
      const document = {
        passed,
        failed,
        notes: outcomes.flatMap((o) => o.notes),
        cases: outcomes.flatMap((o) => o.cases.map((c) => ({ file: o.file, ...c }))),
      };
      rt.stdout(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      rt.stdout(`${passed} passed, ${failed} failed\n`);
    }
    return failed === 0 ? 0 : 1;
  },
};

function textReport({ file, notes, cases }: FileOutcome): string {
  const lines = [`${file}`, ...notes.map((note) => `  note: ${note}`)];
  for (const c of cases) {
    lines.push(`  ${c.outcome === 'passed' ? 'ok  ' : 'FAIL'} ${c.name}`);
    if (c.diff) lines.push(...c.diff.split('\n').map((line) => `         ${line}`));
  }
  return `${lines.join('\n')}\n`;
}
