/**
 * `serve`'s flags for `@custom`/`@lambda` calls, each with an `AUTHLINE_…`
 * environment variable (the flag wins): where the lambda server is and how
 * long a remote call may take (docs/custom.md).
 */
import type { CustomOptions } from '../engine/index.js';
import { parseDuration, UsageError } from './args.js';

export const CUSTOM_OPTIONS = {
  'lambda-url': { type: 'string' },
  'custom-timeout': { type: 'string' },
} as const;

type Flags = { readonly [K in keyof typeof CUSTOM_OPTIONS]?: string };
type Env = Readonly<Record<string, string | undefined>>;

export function customOptions(flags: Flags, env: Env): CustomOptions {
  const lambdaUrl = flags['lambda-url'] ?? (env.AUTHLINE_LAMBDA_URL || undefined);
  const timeout = flags['custom-timeout'] ?? (env.AUTHLINE_CUSTOM_TIMEOUT || undefined);
  if (lambdaUrl !== undefined && !isHttpUrl(lambdaUrl)) {
    throw new UsageError(`--lambda-url must be an http(s) URL such as http://127.0.0.1:8686/graphql-worker, got "${lambdaUrl}"`);
  }
  const timeoutMs = timeout === undefined ? undefined : parseDuration('--custom-timeout', timeout);
  // A call with no time at all would fail every @custom field: 0 is refused, not read as "no limit".
  if (timeoutMs === 0) throw new UsageError('--custom-timeout must be longer than 0');
  return {
    ...(lambdaUrl !== undefined ? { lambdaUrl } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
