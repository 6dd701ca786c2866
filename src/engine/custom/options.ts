/**
 * Limits and endpoints of the calls `@custom` and `@lambda` fields make.
 * Every call is bounded: a timeout, a largest answer, and a cap on the calls
 * one process has in flight (the rest wait their turn).
 */
export interface CustomOptions {
  /** The lambda server's endpoint, as Dgraph's `--graphql lambda-url` (`--lambda-url`, AUTHLINE_LAMBDA_URL). */
  readonly lambdaUrl?: string;
  /** Milliseconds a remote call may take, introspection at upload included (`--custom-timeout`; default 10 s). */
  readonly timeoutMs?: number;
  /** Largest answer body read from a remote endpoint (default 8 MiB). */
  readonly maxResponseBytes?: number;
  /** Remote calls in flight at once in this process (default 32). */
  readonly maxConcurrent?: number;
}

export const CUSTOM_DEFAULTS = { timeoutMs: 10_000, maxResponseBytes: 8 * 1024 * 1024, maxConcurrent: 32 } as const;

export type ResolvedCustomOptions = Required<Omit<CustomOptions, 'lambdaUrl'>> & Pick<CustomOptions, 'lambdaUrl'>;

export function resolveCustomOptions(options: CustomOptions = {}): ResolvedCustomOptions {
  return {
    timeoutMs: options.timeoutMs ?? CUSTOM_DEFAULTS.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? CUSTOM_DEFAULTS.maxResponseBytes,
    maxConcurrent: options.maxConcurrent ?? CUSTOM_DEFAULTS.maxConcurrent,
    ...(options.lambdaUrl ? { lambdaUrl: options.lambdaUrl } : {}),
  };
}
