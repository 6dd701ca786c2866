/**
 * Bringing the indexes of authline.node in line with a schema, without
 * stopping requests: the indexes a new schema needs are built before it is
 * swapped in (requests keep running on the old schema meanwhile), and those
 * it no longer needs are dropped after; data is never touched. What exists is
 * read from the catalog, not remembered, so indexes left by earlier schemas,
 * by older versions of authline or by an interrupted build are found too.
 *
 * How a build stays out of the way of requests depends on the backend:
 *
 * - a server builds CONCURRENTLY (outside any transaction), so reads and
 *   writes on other connections go on while it scans the table; a build that
 *   is interrupted leaves an INVALID index, dropped and built again here;
 * - PGlite has one connection, and a statement has it to itself: each index
 *   is its own statement, with a turn of the event loop after it, so the
 *   requests that arrived meanwhile run between two builds.
 *
 * The caller holds the layout lock (layout.ts) throughout.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Backend, Session } from './backend/types.js';
import { catalogIndexes, createIndex, dropIndex, type SchemaIndex, type Sql } from './sql/index.js';

export class SchemaIndexes {
  private readonly concurrently: boolean;

  private constructor(
    private readonly session: Session,
    db: Backend,
    private readonly wanted: readonly SchemaIndex[],
    /** Name → valid, for every schema index in the catalog before the upload. */
    private readonly existing: ReadonlyMap<string, boolean>,
  ) {
    this.concurrently = db.connections === 'pool';
  }

  static async read(session: Session, db: Backend, wanted: readonly SchemaIndex[]): Promise<SchemaIndexes> {
    const rows = await session.query(catalogIndexes);
    return new SchemaIndexes(session, db, wanted, new Map(rows.map((row) => [String(row.name), row.valid === true])));
  }

  /** Builds every wanted index that is missing or invalid, one statement at a time. */
  async build(): Promise<void> {
    for (const index of this.wanted) {
      const valid = this.existing.get(index.name);
      if (valid) continue;
      if (valid === false) await this.run(dropIndex(index.name, this.concurrently));
      await this.run(createIndex(index, this.concurrently));
    }
  }

  /**
   * Drops every schema index the new schema does not want. After the swap,
   * so the old schema keeps its indexes while it is served; a failure leaves
   * the index for the next upload to drop, and does not undo the upload.
   */
  async dropUnwanted(): Promise<void> {
    const wanted = new Set(this.wanted.map((index) => index.name));
    for (const name of this.existing.keys()) {
      if (wanted.has(name)) continue;
      try {
        await this.run(dropIndex(name, this.concurrently));
      } catch {
        // Still in the catalog: found and dropped by the next upload.
      }
    }
  }

  private async run(statement: Sql): Promise<void> {
    await this.session.query(statement);
    // Lets the requests that arrived during the statement reach the database before the next.
    await nextTurn();
  }
}
