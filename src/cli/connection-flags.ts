/**
 * `serve`'s timeouts and connection limits, each a flag with an
 * `AUTHLINE_…` environment variable (the flag wins): the database's
 * statement timeout, and what an HTTP client may hold (docs/http.md#limits).
 */
import { parseDuration, parseInteger, UsageError } from './args.js';

export const CONNECTION_OPTIONS = {
  'statement-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
} as const;

type Flags = { readonly [K in keyof typeof CONNECTION_OPTIONS]?: string };
type Env = Readonly<Record<string, string | undefined>>;

/** The flag's value, else its environment variable's, with the name to blame for a bad one. */
function chosen(flags: Flags, env: Env, flag: keyof Flags, variable: string): [name: string, value: string] | undefined {
  if (flags[flag] !== undefined) return [`--${flag}`, flags[flag]!];
  const value = env[variable];
  return value ? [variable, value] : undefined;
}

/** `allowZero`: 0 means "no limit" (the statement timeout); an HTTP timeout of 0 would disable it, so it is refused. */
function duration(flags: Flags, env: Env, flag: keyof Flags, variable: string, allowZero: boolean): number | undefined {
  const given = chosen(flags, env, flag, variable);
  if (given === undefined) return undefined;
  const ms = parseDuration(...given);
  if (ms === 0 && !allowZero) throw new UsageError(`${given[0]} must be longer than 0`);
  return ms;
}

/** Milliseconds for the store (0: none), or undefined for its default. */
export function statementTimeout(flags: Flags, env: Env): number | undefined {
  return duration(flags, env, 'statement-timeout', 'AUTHLINE_STATEMENT_TIMEOUT', true);
}

export function connectionOptions(flags: Flags, env: Env) {
  const max = chosen(flags, env, 'max-connections', 'AUTHLINE_MAX_CONNECTIONS');
  return {
    maxConnections: max === undefined ? undefined : parseInteger(max[0], max[1], 1, 1_000_000),
    headersTimeoutMs: duration(flags, env, 'headers-timeout', 'AUTHLINE_HEADERS_TIMEOUT', false),
    requestTimeoutMs: duration(flags, env, 'request-timeout', 'AUTHLINE_REQUEST_TIMEOUT', false),
    keepAliveTimeoutMs: duration(flags, env, 'keep-alive-timeout', 'AUTHLINE_KEEP_ALIVE_TIMEOUT', false),
  };
}
