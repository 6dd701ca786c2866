/**
 * A mutation's payload: the nodes it added or changed (read with the query
 * rule, like any read), numUids and msg as Dgraph reports them.
 */
import type { PayloadSelection } from '../../plan/types.js';
import type { AuthPolicy } from '../../rules/policy.js';
import type { Executor } from '../backend/types.js';
import { payloadStatement } from '../sql/index.js';

/**
 * Where a payload carries the uids of the mutation's root nodes (hex, as
 * the API prints IDs) for what runs after the commit (webhooks). `@` cannot
 * start a response key, so no client selection meets it.
 */
export const ROOT_UIDS_KEY = '@rootUIDs';

/** Reads the payload's node lists for `uids` (one statement per requested list, usually one). */
export async function payload(
  tx: Executor, selections: readonly PayloadSelection[], uids: readonly bigint[], numUids: number, policy: AuthPolicy,
): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = { [ROOT_UIDS_KEY]: uids.map((uid) => `0x${uid.toString(16)}`) };
  for (const s of selections) {
    switch (s.kind) {
      case 'nodes': {
        const statement = payloadStatement(s.query, policy, uids);
        result[s.key] = statement ? (await tx.query(statement))[0].result : [];
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
  return result;
}
