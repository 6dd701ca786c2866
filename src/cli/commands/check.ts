/**
 * `authline check SCHEMA_FILE...`: validates schemas offline, everything an
 * upload would check except what needs the network (JWKS URLs and OIDC
 * discovery are not fetched), and prints every error as
 * FILE:LINE:COLUMN: MESSAGE. An auth line that loads but deserves a second
 * look (keys from a provider without AudienceRequired, a short HMAC secret,
 * keys over plain HTTP) draws FILE:LINE:COLUMN: warning: MESSAGE.
 */
import { parseArgs } from 'node:util';
import { authLineWarnings, readAuthorization } from '../../authline/index.js';
import { readInput, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { formatSchemaErrors } from '../schema-errors.js';

const usage = `Usage: authline check SCHEMA_FILE... [options]

Validates each schema and its # Dgraph.Authorization line offline, without a
store or a server, and prints every error as FILE:LINE:COLUMN: MESSAGE.
JWKS URLs and OIDC discovery are not fetched. Warnings about the auth line
(e.g. JWKS without "AudienceRequired": true) are printed as
FILE:LINE:COLUMN: warning: MESSAGE and do not fail the check. Exits 1 if any
schema has an error. - reads stdin.

Options:
  -h, --help   show this help
`;

export const check: Command = {
  name: 'check',
  summary: 'validate schemas and their auth line offline',
  usage,
  async run(argv, rt) {
    const { values, positionals } = parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
    if (values.help) {
      rt.stdout(usage);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('missing the SCHEMA_FILE');
    let failed = 0;
    for (const file of positionals) {
      const sdl = await readInput(rt, file);
      const errors = await rt.checkSchema(sdl);
      if (errors.length === 0) {
        rt.stdout(`${file}: ok\n`);
        rt.stderr(lineWarnings(file, sdl));
      } else {
        failed++;
        rt.stderr(formatSchemaErrors(file, errors));
      }
    }
    return failed === 0 ? 0 : 1;
  },
};

function lineWarnings(file: string, sdl: string): string {
  const { config } = readAuthorization(sdl);
  if (!config) return '';
  const { line, column } = config.loc;
  return authLineWarnings(config)
    .map((warning) => `${file}:${line}:${column}: warning: ${warning.message}\n`)
    .join('');
}
