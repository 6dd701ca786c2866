/**
 * `authline check SCHEMA_FILE...`: validates schemas offline, everything an
 * upload would check except what needs the network (JWKS URLs and OIDC
 * discovery are not fetched), and prints every error as
 * FILE:LINE:COLUMN: MESSAGE. What an upload would accept but deserves a
 * second look (the upload's warnings: engine/schema-warnings.ts) draws
 * FILE:LINE:COLUMN: warning: MESSAGE, and fails the check with --strict.
 */
import { parseArgs } from 'node:util';
import { readInput, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { formatSchemaErrors } from '../schema-errors.js';

const usage = `Usage: authline check SCHEMA_FILE... [options]

Validates each schema and its # Dgraph.Authorization line offline, without a
store or a server, and prints every error as FILE:LINE:COLUMN: MESSAGE.
JWKS URLs and OIDC discovery are not fetched. What an upload would accept
with a warning (the auth line not at the start of a line, rule variables
without an auth line, directives without effect, a short HMAC secret, JWKS
without "AudienceRequired": true...) is printed as
FILE:LINE:COLUMN: warning: MESSAGE. Exits 1 if any schema has an error (or,
with --strict, a warning). - reads stdin.

Options:
      --strict   fail on warnings too
  -h, --help     show this help
`;

export const check: Command = {
  name: 'check',
  usage,
  async run(argv, rt) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      rt.stdout(usage);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('missing the SCHEMA_FILE');
    let failed = 0;
    for (const file of positionals) {
      const sdl = await readInput(rt, file);
      const errors = await rt.checkSchema(sdl);
      if (errors.length > 0) {
        failed++;
        rt.stderr(formatSchemaErrors(file, errors));
        continue;
      }
      const warnings = await rt.schemaWarnings(sdl);
      if (values.strict && warnings.length > 0) failed++;
      else rt.stdout(`${file}: ok\n`);
      for (const { message, locations } of warnings) {
        const at = locations[0];
        rt.stderr(`${file}:${at ? `${at.line}:${at.column}:` : ''} warning: ${message}\n`);
      }
    }
    return failed === 0 ? 0 : 1;
  },
};
