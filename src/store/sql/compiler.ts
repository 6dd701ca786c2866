/**
 * State of one statement being compiled: its parameters and fresh table
 * aliases. Everything else is passed down explicitly.
 */
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import type { EffectiveCascade } from './cascade.js';
import { Params } from './params.js';

export class Compiler {
  readonly params = new Params();
  private aliases = 0;

  /** A table alias unique within the statement. */
  alias(prefix = 'n'): string {
    return `${prefix}${this.aliases++}`;
  }
}

/** How one level of a query is read. */
export interface LevelEnv {
  /** Whose rules apply; null inside a rule's own traversal (rules see everything). */
  readonly policy: AuthPolicy | null;
  /** The operation whose rule narrows this level (nested levels always read with `query`). */
  readonly operation: AuthOperation;
  /** The @cascade in force from the levels above (Dgraph lets it flow down until a level sets its own). */
  readonly cascade: EffectiveCascade;
}
