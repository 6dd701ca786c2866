/**
 * Argument handling shared by the commands (which parse with node's
 * util.parseArgs): the usage error, and the few value parsers (integers,
 * sizes, inputs) the options need.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Runtime } from './runtime.js';

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Errors node's util.parseArgs throws for unknown options, missing values, stray positionals. */
export function isParseArgsError(err: unknown): err is Error {
  return err instanceof Error && String((err as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS_');
}

export function parseInteger(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

const UNITS = new Map([
  ['', 1],
  ['b', 1],
  ...['k', 'kb', 'kib'].map((u) => [u, 1024] as const),
  ...['m', 'mb', 'mib'].map((u) => [u, 1024 ** 2] as const),
  ...['g', 'gb', 'gib'].map((u) => [u, 1024 ** 3] as const),
]);

/** "5mb", "512kb", "1048576": sizes in binary units, as Koa's body parsers read them. */
export function parseSize(name: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = match ? UNITS.get(match[2].toLowerCase()) : undefined;
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new UsageError(`${name} must be a size such as 5mb, 512kb or 1048576 (bytes), got "${value}"`);
  }
  return bytes;
}

/** "10s", "500ms", "2m" or a number of seconds: a duration in milliseconds, at least 1 ms. */
export function parseDuration(name: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i.exec(value.trim());
  const factor = { ms: 1, s: 1000, m: 60_000 }[(match?.[2] ?? 's').toLowerCase() as 'ms' | 's' | 'm'];
  const ms = match ? Math.round(Number(match[1]) * factor) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 1) throw new UsageError(`${name} must be a duration such as 10s, 500ms or 2m, got "${value}"`);
  return ms;
}

/** The text of a file given on the command line, or of stdin for "-". */
export async function readInput(rt: Runtime, path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of rt.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(resolve(rt.cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(err as Error).message}`);
  }
}

/** The single positional a command takes, or a UsageError naming it. */
export function onePositional(positionals: readonly string[], what: string, required: boolean): string | undefined {
  if (positionals.length > 1) throw new UsageError(`expected one ${what}, got ${positionals.length}: ${positionals.join(' ')}`);
  if (required && positionals.length === 0) throw new UsageError(`missing the ${what}`);
  return positionals[0];
}
