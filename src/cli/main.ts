/**
 * `authline <command>`: finds the command, runs it, and turns its outcome
 * into an exit code: 0 done, 1 failed, 2 called wrongly (with a pointer to
 * the command's --help).
 */
import { readFileSync } from 'node:fs';
import { isParseArgsError, UsageError } from './args.js';
import type { Command } from './command.js';
import { check } from './commands/check.js';
import { importCommand } from './commands/import.js';
import { serve } from './commands/serve.js';
import { test } from './commands/test.js';
import { token } from './commands/token.js';
import { processRuntime } from './runtime.js';
import type { Runtime } from './runtime.js';

const COMMANDS: readonly Command[] = [serve, importCommand, check, test, token];

const usage = `authline: Dgraph's GraphQL auth (# Dgraph.Authorization, @auth), served from Postgres

Usage: authline <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run authline <command> --help for its options.
  -h, --help      show this help
  -v, --version   show the version
`;

export async function main(argv: readonly string[], rt: Runtime = processRuntime()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const command = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    rt.stdout(command ? command.usage : usage);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    rt.stdout(`${version()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    rt.stderr(`authline: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Run authline --help.\n`);
    return 2;
  }
  try {
    return await command.run(rest, rt);
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      rt.stderr(`authline ${command.name}: ${err.message}\nRun authline ${command.name} --help for usage.\n`);
      return 2;
    }
    rt.stderr(`authline ${command.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function version(): string {
  // Two levels up from src/cli/ or dist/cli/ is the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
