/**
 * What a mutation compiles that depends only on its plan and on its
 * policy's decisions, kept to run the same plan again: the engine's plan
 * cache holds one beside each mutation plan it keeps (engine/plan-cache.ts),
 * under a key that fixes the document, the variables and the claims its
 * rules read, so every run it serves has the same input and the same rule
 * verdicts.
 *
 * - The input's references and the statement that looks them up: both
 *   follow from the input alone, values included.
 * - An add's write (its statement, its root nodes, its new nodes' check),
 *   by what the lookup found: the same input finding the same nodes
 *   writes the same. Not kept when it depends on anything else: a password
 *   (hashed with a new salt each time), a `"$now"` default, a vector (its
 *   length is checked against the data), an upsert (the update rule's
 *   verdicts on the data).
 * - The payload's statements: their text and parameters follow from the
 *   selection and the policy; the root uids and the node budget are bound
 *   anew on each run.
 *
 * What the rules denied while these compiled is asked again of each later
 * run's policy. Anything else that depends on the data (the uids created,
 * the rows a check refuses) is worked out on every run.
 */
import type { NodeQuery } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import { listStatement, withBudget, type ReadStatement, type Statement } from '../sql/index.js';
import type { References } from './existence.js';
import type { NewNodesCheck } from './new-nodes.js';
import type { NodeRef } from './plan.js';

/** The input's references with the statement looking them up (null: nothing to look up). */
export interface LookupOf {
  readonly refs: References;
  readonly statement: Statement | null;
}

/**
 * A question the policy answered with a denial while a statement compiled:
 * asked again of each later run's policy, so that whoever watches the
 * policy (the engine's DenialReport) hears of it on every run.
 */
export type Denial = (policy: AuthPolicy) => void;

/** An add's write, ready to run (write.ts runWrite). */
export interface AddWrite {
  readonly statement: Statement | null;
  /** The input's top-level nodes, in order. */
  readonly roots: readonly NodeRef[];
  readonly newNodes: NewNodesCheck | null;
}

/** Writes kept per mutation, by what the lookup found (a few: the data a lookup finds rarely changes). */
const WRITES_KEPT = 4;

/** A payload's list statement (null: the policy lets it read nothing), with where its root uids are among its parameters. */
interface KeptPayload {
  readonly statement: ReadStatement | null;
  readonly uidsAt: readonly number[];
  readonly denials: readonly Denial[];
}

export class CompiledMutation {
  #lookup: LookupOf | undefined;
  /** By the payload selection's index. */
  readonly #payloads = new Map<number, KeptPayload>();
  /** By the lookup's rows as text (Existence.found), oldest first. */
  readonly #writes = new Map<string, { readonly write: AddWrite; readonly denials: readonly Denial[] }>();
  /** Characters of statement text and parameters kept. */
  #size = 0;

  /** Characters kept, for the plan cache's bound. */
  get size(): number {
    return this.#size;
  }

  /** The references and their lookup, worked out by `compile` on the first run. */
  lookup(compile: () => LookupOf): LookupOf {
    if (!this.#lookup) {
      this.#lookup = compile();
      this.#size += statementSize(this.#lookup.statement);
    }
    return this.#lookup;
  }

  /** The add's write kept for what its lookup `found`, its denials told to `policy` again; undefined when none is kept. */
  write(found: string, policy: AuthPolicy): AddWrite | undefined {
    const kept = this.#writes.get(found);
    if (!kept) return undefined;
    for (const denial of kept.denials) denial(policy);
    return kept.write;
  }

  /** Keeps `write`, compiled for what the lookup `found` (its policy's denials noted in `denials`). */
  keepWrite(found: string, write: AddWrite, denials: readonly Denial[]): void {
    if (this.#writes.size >= WRITES_KEPT) {
      const [oldest, { write: dropped }] = this.#writes.entries().next().value!;
      this.#writes.delete(oldest);
      this.#size -= oldest.length + statementSize(dropped.statement);
    }
    this.#writes.set(found, { write, denials });
    this.#size += found.length + statementSize(write.statement);
  }

  /**
   * The statement reading payload list `index` (`q`) for `uids`, counted
   * against `remaining` nodes. Compiled on the first run that has uids; a
   * statement that does not bind them as one parameter is compiled every time.
   */
  payload(index: number, q: NodeQuery, policy: AuthPolicy, uids: readonly bigint[], remaining: number): Statement | null {
    if (uids.length === 0) return null;
    const listed = uids.map(String);
    const kept = this.#payloads.get(index);
    if (kept) {
      for (const denial of kept.denials) denial(policy);
      if (!kept.statement) return null;
      const params = [...kept.statement.params];
      for (const at of kept.uidsAt) params[at] = listed;
      return withBudget({ ...kept.statement, params }, remaining);
    }
    const denials: Denial[] = [];
    // Any budget compiles the same text: it is bound when the statement runs.
    const statement = listStatement(q, notingDenials(policy, denials), { kind: 'uids', uids: listed }, 0);
    const uidsAt = statement ? statement.params.flatMap((value, at) => (value === listed ? [at] : [])) : [];
    if (statement === null || uidsAt.length > 0) {
      this.#payloads.set(index, { statement, uidsAt, denials });
      this.#size += statementSize(statement);
    }
    return statement && withBudget(statement, remaining);
  }
}

/** `policy`, noting into `denials` each question it answers with a denial. */
export function notingDenials(policy: AuthPolicy, denials: Denial[]): AuthPolicy {
  return {
    decide: (type, operation) => {
      const decision = policy.decide(type, operation);
      if (decision.kind === 'deny') denials.push((again) => again.decide(type, operation));
      return decision;
    },
    hasRule: (type, operation) => policy.hasRule(type, operation),
    decideField: (type, field, operation) => {
      const decision = policy.decideField(type, field, operation);
      if (decision.kind === 'deny') denials.push((again) => again.decideField(type, field, operation));
      return decision;
    },
    ruledFields: (type, operation) => policy.ruledFields(type, operation),
  };
}

/** Characters of a statement's text and parameters (what keeping it costs, roughly). */
export function statementSize(statement: Statement | null): number {
  if (!statement) return 0;
  let size = statement.sql.length;
  for (const value of statement.params) size += typeof value === 'string' ? value.length : (JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? '').length;
  return size;
}
