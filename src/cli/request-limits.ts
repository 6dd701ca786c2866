/**
 * `authline serve`'s request-limit options (server/limits.ts), each a flag
 * and an AUTHLINE_ environment variable (the flag wins), in one place.
 */
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../server/limits.js';
import { parseInteger, parseSize } from './args.js';

interface LimitOption {
  readonly flag: string;
  readonly env: string;
  /** A count, or a size in bytes that takes units (5mb). */
  readonly kind: 'count' | 'size';
  readonly help: string;
}

const LIMITS: { readonly [K in keyof RequestLimits]: LimitOption } = {
  queryEdgeLimit: { flag: 'query-edge-limit', env: 'AUTHLINE_QUERY_EDGE_LIMIT', kind: 'count', help: 'most nodes a request may return, all root fields together; also the largest first/offset' },
  maxAliases: { flag: 'max-aliases', env: 'AUTHLINE_MAX_ALIASES', kind: 'count', help: 'most root fields an operation may select, each alias counting' },
  maxFilterDepth: { flag: 'max-filter-depth', env: 'AUTHLINE_MAX_FILTER_DEPTH', kind: 'count', help: 'deepest nesting of input objects in an argument or variable (and/or/not)' },
  maxRegexpLength: { flag: 'max-regexp-length', env: 'AUTHLINE_MAX_REGEXP_LENGTH', kind: 'count', help: 'longest regexp filter, in characters' },
  maxDocumentSize: { flag: 'max-document-size', env: 'AUTHLINE_MAX_DOCUMENT_SIZE', kind: 'size', help: 'largest query text' },
  maxTokens: { flag: 'max-tokens', env: 'AUTHLINE_MAX_TOKENS', kind: 'count', help: 'most tokens a query text may have' },
  maxResponseBytes: { flag: 'max-response-bytes', env: 'AUTHLINE_MAX_RESPONSE_BYTES', kind: 'size', help: 'largest /graphql answer' },
};

const entries = Object.entries(LIMITS) as [keyof RequestLimits, LimitOption][];

/** For parseArgs: every limit's flag, taking a value. */
export const LIMIT_OPTIONS = Object.fromEntries(entries.map(([, o]) => [o.flag, { type: 'string' as const }])) as Record<string, { type: 'string' }>;

/** The limits' lines of `serve --help`. */
export const LIMIT_USAGE = entries.map(([name, o]) => {
  const value = o.kind === 'size' ? 'SIZE' : 'N';
  const shown = o.kind === 'size' ? `${DEFAULT_REQUEST_LIMITS[name] / 1024 / 1024}mb` : String(DEFAULT_REQUEST_LIMITS[name]);
  return `      --${o.flag} ${value} `.padEnd(32) + `[${o.env}] (default ${shown})\n                         ${o.help}`;
}).join('\n');

/** The limits set by flag (`values`) or environment (`env`); the rest are left to the server's defaults. */
export function requestLimits(values: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>): Partial<RequestLimits> {
  const limits: Partial<Record<keyof RequestLimits, number>> = {};
  for (const [name, o] of entries) {
    const flag = values[o.flag];
    const text = typeof flag === 'string' ? flag : env[o.env] || undefined;
    if (text === undefined) continue;
    const label = typeof flag === 'string' ? `--${o.flag}` : o.env;
    limits[name] = o.kind === 'size' ? parseSize(label, text) : parseInteger(label, text, 1, Number.MAX_SAFE_INTEGER);
  }
  return limits;
}
