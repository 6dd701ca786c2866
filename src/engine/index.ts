/**
 * PLACEHOLDER written on the `server` branch so that the CLI compiles before
 * the engine exists. The coordinator replaces this file with the real engine
 * entry point, keeping these two signatures (or adjusting src/cli/runtime.ts,
 * the CLI's only import of them). Nothing here works yet.
 */
import type { SchemaError } from '../sdl/errors.js';
import type { AuthlineService } from './types.js';

/** Where a service keeps its data. */
export type StoreLocation =
  /** Embedded PGlite, in memory: gone when the process exits. */
  | { readonly kind: 'memory' }
  /** Embedded PGlite in a directory (created if missing). */
  | { readonly kind: 'directory'; readonly path: string }
  /** A PostgreSQL server; several authline processes may share it. */
  | { readonly kind: 'postgres'; readonly url: string };

export interface ServiceOptions {
  readonly store: StoreLocation;
}

/** Opens the store, loads the schema stored there (if any) and follows other processes' uploads. */
export async function createService(options: ServiceOptions): Promise<AuthlineService> {
  void options;
  throw new Error('engine not built yet');
}

/** Every error of `sdl` (auth line, types, generated API, @auth rules), offline: no store, no JWKS fetch. */
export function checkSchema(sdl: string): SchemaError[] {
  void sdl;
  throw new Error('engine not built yet');
}
