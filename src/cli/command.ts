/** The shape of one `authline <command>`. */
import type { Runtime } from './runtime.js';

export interface Command {
  readonly name: string;
  /** The whole `authline <command> --help` text. */
  readonly usage: string;
  /** Resolves to the process exit code. Throws UsageError for a mistaken call. */
  run(argv: readonly string[], rt: Runtime): Promise<number>;
}
