/**
 * `authline <command>`: finds the command, runs it, and turns its outcome
 * into an exit code: 0 done, 1 failed, 2 called wrongly (with a pointer to
 * the command's --help).
 */
import { readFileSync } from 'node:fs';
import { isParseArgsError, UsageError } from './args.js';
import type { Command } from './command.js';
import { processRuntime, type Runtime } from './runtime.js';

/** A command, named and summed up here; its module (and what it needs) loads only when it is called. */
interface CommandEntry {
  readonly name: string;
  /** One line for `authline --help`. */
  readonly summary: string;
  load(): Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'serve /graphql, /admin and /health (data in ./.authline/data by default)',
    load: async () => (await import('./commands/serve.js')).serve,
  },
  {
    name: 'import',
    summary: 'load a Dgraph export (RDF or JSON) or JSON data, bypassing @auth',
    load: async () => (await import('./commands/import.js')).importCommand,
  },
  { name: 'check', summary: 'validate schemas and their auth line offline', load: async () => (await import('./commands/check.js')).check },
  { name: 'test', summary: 'run policy tests (who sees what) against a schema', load: async () => (await import('./commands/test.js')).test },
  { name: 'token', summary: 'mint a development JWT', load: async () => (await import('./commands/token.js')).token },
];

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
    const entry = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    rt.stdout(entry ? (await entry.load()).usage : usage);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    rt.stdout(`${version()}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    rt.stderr(`authline: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Run authline --help.\n`);
    return 2;
  }
  const command = await entry.load();
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
