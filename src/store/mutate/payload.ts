/**
 * A mutation's payload: the nodes it added or changed (read with the query
 * rule, like any read), numUids and msg as Dgraph reports them.
 */
import type { PayloadSelection } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Executor, Transaction } from '../backend/types.js';
import { countedRow } from '../counted.js';
import { closingStatement, payloadStatement, RESET_NODES_READ, type Statement } from '../sql/index.js';
import type { NodeBudget } from '../types.js';
import type { CompiledMutation } from './compiled.js';

/**
 * A payload also carries the uids of the mutation's root nodes (hex, as the
 * API prints IDs) for what runs after the commit (webhooks): under a symbol,
 * not enumerable, so no answer or comparison of payloads ever sees it.
 */
const ROOT_UIDS = Symbol('rootUIDs');

export function rootUidsOf(payload: unknown): readonly string[] {
  return (payload as { [ROOT_UIDS]?: readonly string[] } | null)?.[ROOT_UIDS] ?? [];
}

/** `tx` for its last statement: the transaction commits with it. */
function committing(tx: Transaction): Executor {
  return { query: ((statement: Statement) => tx.queryAndCommit(statement)) as Executor['query'] };
}

/**
 * Reads the payload's node lists for `uids` (one statement per requested
 * list, usually one), each counted against `budget`. The nodes a delete
 * removes once read go in the statement of the first list, or a statement
 * of their own when there is none. The mutation's last statement commits
 * its transaction: nothing may follow the payload. `compiled`: the lists'
 * statements kept from an earlier run of the same plan (compiled.ts).
 */
export async function payload(
  tx: Transaction, selections: readonly PayloadSelection[], uids: readonly bigint[], numUids: number, policy: AuthPolicy,
  budget?: NodeBudget, deletes: readonly bigint[] = [], compiled?: CompiledMutation,
): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  let counted = 0;
  Object.defineProperty(result, ROOT_UIDS, { value: uids.map((uid) => `0x${uid.toString(16)}`), enumerable: false });
  let pending = deletes;
  const lastList = selections.findLastIndex((s) => s.kind === 'nodes');
  for (const [i, s] of selections.entries()) {
    switch (s.kind) {
      case 'nodes': {
        const statement = pending.length > 0
          ? closingStatement(pending, { q: s.query, uids }, policy, budget?.remaining)
          : compiled && budget ? compiled.payload(i, s.query, policy, uids, budget.remaining) : payloadStatement(s.query, policy, uids, budget?.remaining);
        // The count is the transaction's: a second list starts it again.
        if (statement && budget && counted++ > 0) await tx.query(RESET_NODES_READ);
        const row = await countedRow(i === lastList ? committing(tx) : tx, statement, budget);
        pending = [];
        result[s.key] = row?.result ?? [];
        break;
      }
      case 'numUids':
        result[s.key] = numUids;
        break;
      case 'msg':
        result[s.key] = numUids > 0 ? 'Deleted' : 'No nodes were deleted';
        break;
      case 'typename':
        result[s.key] = s.typename;
        break;
    }
  }
  // Only when no list read the nodes (the first list's statement deletes them).
  const closing = closingStatement(pending, null, policy);
  if (closing) await tx.queryAndCommit(closing);
  return result;
}
