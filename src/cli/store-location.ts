/**
 * Where `serve` and `import` keep data: flags first (--memory, --data,
 * --database-url; at most one), then the environment (DATABASE_URL or
 * AUTHLINE_DATA_DIR; not both), then ./.authline/data in the working
 * directory, which the repository's .gitignore already ignores. A data
 * directory flushes commits to disk unless --pglite-fsync (or
 * AUTHLINE_PGLITE_FSYNC) is off.
 */
import { resolve } from 'node:path';
import { UsageError } from './args.js';
import type { Runtime, StoreLocation } from './runtime.js';

export const DEFAULT_DATA_DIR = '.authline/data';

export const STORE_OPTIONS = {
  data: { type: 'string' },
  memory: { type: 'boolean' },
  'database-url': { type: 'string' },
  'pglite-fsync': { type: 'string' },
} as const;

export interface StoreFlags {
  readonly data?: string;
  readonly memory?: boolean;
  readonly 'database-url'?: string;
  readonly 'pglite-fsync'?: string;
}

export function storeLocation(flags: StoreFlags, rt: Runtime): StoreLocation {
  const location = chooseLocation(flags, rt);
  const flag = flags['pglite-fsync'];
  if (flag !== undefined && location.kind !== 'directory') {
    throw new UsageError('--pglite-fsync applies to an embedded data directory (--data), not to --memory or a PostgreSQL server');
  }
  if (location.kind !== 'directory') return location;
  const text = flag ?? (rt.env.AUTHLINE_PGLITE_FSYNC || undefined);
  return text === undefined ? location : { ...location, fsync: onOff(flag !== undefined ? '--pglite-fsync' : 'AUTHLINE_PGLITE_FSYNC', text) };
}

/** PostgreSQL's spellings of a boolean setting. */
function onOff(source: string, text: string): boolean {
  const value = text.trim().toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(value)) return true;
  if (['off', 'false', 'no', '0'].includes(value)) return false;
  throw new UsageError(`${source} must be on or off, got "${text}"`);
}

function chooseLocation(flags: StoreFlags, rt: Runtime): StoreLocation {
  const chosen = [flags.memory && '--memory', flags.data !== undefined && '--data', flags['database-url'] !== undefined && '--database-url'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`choose one of ${chosen.join(', ')}`);
  if (flags.memory) return { kind: 'memory' };
  if (flags.data !== undefined) return directory(flags.data, '--data', rt);
  if (flags['database-url'] !== undefined) return postgres(flags['database-url'], '--database-url');

  const url = rt.env.DATABASE_URL || undefined;
  const dir = rt.env.AUTHLINE_DATA_DIR || undefined;
  if (url && dir) {
    throw new UsageError('DATABASE_URL and AUTHLINE_DATA_DIR are both set: unset one, or choose with --database-url, --data or --memory');
  }
  if (url) return postgres(url, 'DATABASE_URL');
  return directory(dir ?? DEFAULT_DATA_DIR, dir ? 'AUTHLINE_DATA_DIR' : 'the default data directory', rt);
}

function directory(path: string, source: string, rt: Runtime): StoreLocation {
  if (path.trim() === '') throw new UsageError(`${source} must not be empty`);
  return { kind: 'directory', path: resolve(rt.cwd, path), fsync: true };
}

function postgres(url: string, source: string): StoreLocation {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new UsageError(`${source} is not a URL: expected postgres://user:password@host:5432/database`);
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new UsageError(`${source} must be a postgres:// or postgresql:// URL, got ${protocol}//…`);
  }
  return { kind: 'postgres', url };
}

/** For messages: where the data is, never with a password. */
export function describeLocation(location: StoreLocation): string {
  switch (location.kind) {
    case 'memory':
      return 'in memory (lost on exit)';
    case 'directory':
      return location.path;
    case 'postgres': {
      const url = new URL(location.url);
      if (url.password) url.password = '***';
      return url.toString();
    }
  }
}
