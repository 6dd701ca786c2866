/**
 * The uploaded schema lives in the database next to the data: every upload is
 * a new row (history kept), the newest is current, and a NOTIFY on commit tells
 * every other authline process on the same PostgreSQL to load it.
 */
import type { Executor, Row } from './backend/types.js';
import { sql } from './sql/index.js';
import type { StoredSchema } from './types.js';

export const SCHEMA_CHANNEL = 'authline_schema';

function toStoredSchema(row: Row): StoredSchema {
  return { sdl: String(row.sdl), version: Number(row.version), updatedAt: new Date(Number(row.updated_ms)) };
}

const COLUMNS = sql`version, sdl, (extract(epoch FROM updated_at) * 1000)::float8 AS updated_ms`;

/** Records `sdl` as the next version; the caller holds the layout lock, so versions never collide. */
export async function insertSchema(tx: Executor, sdl: string): Promise<StoredSchema> {
  const rows = await tx.query(sql`INSERT INTO authline.schema (version, sdl)
     SELECT coalesce(max(version), 0) + 1, ${sdl} FROM authline.schema
     RETURNING ${COLUMNS}`);
  const stored = toStoredSchema(rows[0]);
  // Delivered at commit, and only if the transaction commits.
  await tx.query(sql`SELECT pg_notify(${SCHEMA_CHANNEL}, ${String(stored.version)})`);
  return stored;
}

export async function latestSchema(db: Executor): Promise<StoredSchema | null> {
  const rows = await db.query(sql`SELECT ${COLUMNS} FROM authline.schema ORDER BY version DESC LIMIT 1`);
  return rows.length > 0 ? toStoredSchema(rows[0]) : null;
}
