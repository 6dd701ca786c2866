/**
 * Committed writes, announced: a mutation or an import that the caller asks
 * to announce sends a NOTIFY naming the types it may have changed, in its own
 * transaction, so it is delivered at commit and only if the transaction
 * commits, to every authline process listening on the same database (and to
 * this one: PGlite delivers its own notifications too). Live queries
 * (subscriptions) re-run on it instead of polling.
 */
import type { Executor } from './backend/types.js';
import { sql } from './sql/index.js';

export const WRITES_CHANNEL = 'authline_writes';

/** Every type: an import, a write too large to list, or notifications possibly missed. */
export const ALL_TYPES = 'all';

/** The types a committed write may have changed, or all of them. */
export type ChangedTypes = ReadonlySet<string> | typeof ALL_TYPES;

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7900;

/** Queues the announcement in `tx`: PostgreSQL sends it when `tx` commits. */
export async function announceWrite(tx: Executor, types: readonly string[] | typeof ALL_TYPES): Promise<void> {
  const listed = types === ALL_TYPES ? '' : types.join(',');
  const payload = types === ALL_TYPES || Buffer.byteLength(listed) > MAX_PAYLOAD_BYTES ? '*' : listed;
  await tx.query(sql`SELECT pg_notify(${WRITES_CHANNEL}, ${payload})`);
}

/** The payload `announceWrite` sent, read back. */
export function changedTypes(payload: string): ChangedTypes {
  return payload === '*' ? ALL_TYPES : new Set(payload.split(',').filter((name) => name !== ''));
}
