/**
 * V8 tuned for a process that does one long job and exits (`authline
 * import` into the store): memory over speed. Measured importing 300,000
 * and 1,000,000 triples into PGlite (docs/benchmarks.md), with V8's
 * defaults:
 *
 * - PGlite's WebAssembly is compiled fast (Liftoff), then its hot functions
 *   again, optimised, by TurboFan on background threads. PostgreSQL's large
 *   functions take tens of MB of compiler memory there, which the threads'
 *   malloc arenas keep: about 50 MB of the peak. On Liftoff's code alone
 *   the import ran some 20% slower (one run each, on a busy machine).
 * - Each isolate's old generation grows to about four times what is live
 *   before a full collection (the main thread's reached 140 MB with some 30
 *   MB live), and its young generation to 16 MB semi-spaces.
 *
 * The flags are set at run time, before the engine loads, so they reach
 * what V8 reads afterwards: the tiering flag when PGlite's module is
 * compiled, the growing factor at every collection, the semi-space limit
 * in isolates made afterwards (PGlite's worker thread; the main thread
 * keeps its own). Node documents flags set after start as unpredictable in
 * general; these three are read as they are used.
 */
import { setFlagsFromString } from 'node:v8';

const LEAN_FLAGS = [
  // WebAssembly stays on its baseline code: no optimising compiles.
  '--liftoff-only',
  // A full collection once the old generation is 10% larger than after the last one.
  '--heap-growing-percent=10',
  // Isolates made from now on: 1 MB semi-spaces.
  '--max-semi-space-size=1',
] as const;

export function leanMemory(): void {
  for (const flag of LEAN_FLAGS) setFlagsFromString(flag);
}
