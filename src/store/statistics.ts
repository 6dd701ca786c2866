/**
 * Planner statistics. Without them PostgreSQL plans authline's statements
 * blind (a graph rule intersecting whole indexes instead of starting from
 * the one matching row), so:
 *
 * - an import ends with ANALYZE, after its commit and before it answers,
 *   on every backend (a bulk load is what autovacuum reacts to late);
 * - on PGlite, which has no autovacuum, the store does its job: once the
 *   rows written since the last ANALYZE pass autovacuum's default threshold
 *   (50 + 10 % of the rows then present, node and edge tables together), it
 *   runs ANALYZE after the mutation has committed, in the background, one at
 *   a time; a failure is ignored (the old statistics stay, and are still
 *   better than none) and never reaches the mutation's answer;
 * - opening a PGlite database that was never analysed analyses it.
 *
 * Counting rows from the statements' reports (Backend.rowsWritten) misses
 * edges removed by ON DELETE CASCADE; undercounting only delays an ANALYZE.
 */
import type { Backend } from './backend/types.js';
import { sql } from './sql/index.js';

const ANALYZE = sql`ANALYZE authline.node, authline.edge`;

/** autovacuum_analyze_threshold and autovacuum_analyze_scale_factor, PostgreSQL's defaults. */
const THRESHOLD = 50;
const SCALE_FACTOR = 0.1;

export class Statistics {
  /** Backend.rowsWritten() when the last ANALYZE started. */
  private analyzedAt: number;
  /** Rows of node and edge at the last ANALYZE (pg_class.reltuples). */
  private rows = 0;
  /** The last ANALYZE queued: each waits for the one before, so they never overlap. */
  private last: Promise<void> = Promise.resolve();
  /** A background ANALYZE is queued or running: more writes meanwhile need no second one. */
  private background = false;

  constructor(private readonly db: Backend) {
    this.analyzedAt = db.rowsWritten();
  }

  /** At open: where nothing keeps statistics, analyse a database that never was; learn its size. */
  async open(): Promise<void> {
    if (this.db.autovacuum) return;
    const [row] = await this.db.query(
      sql`SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = 'authline.node'::regclass`);
    // reltuples is -1 until a table is first vacuumed or analysed.
    if (Number(row.rows) < 0) await this.analyze();
    else await this.measure();
  }

  /** ANALYZE now (after an import), after any already under way; never throws. */
  analyze(): Promise<void> {
    this.last = this.last.then(() => this.run());
    return this.last;
  }

  /** After a mutation's transaction: ANALYZE in the background when enough rows were written. */
  afterWrite(): void {
    if (this.db.autovacuum || this.background) return;
    if (this.db.rowsWritten() - this.analyzedAt <= THRESHOLD + SCALE_FACTOR * this.rows) return;
    this.background = true;
    void this.analyze().finally(() => { this.background = false; });
  }

  /** Resolves when no ANALYZE is queued or running (before closing the database). */
  idle(): Promise<void> {
    return this.last;
  }

  private async run(): Promise<void> {
    const at = this.db.rowsWritten();
    try {
      await this.db.query(ANALYZE);
      await this.measure();
    } catch {
      // Not the owner of the tables (a server), or the database is closing: the
      // statements still run, planned on older statistics.
    }
    // Counted as done either way, so a failing ANALYZE is not retried after every mutation.
    this.analyzedAt = at;
  }

  private async measure(): Promise<void> {
    const [row] = await this.db.query(
      sql`SELECT sum(greatest(reltuples, 0))::float8 AS rows FROM pg_class
         WHERE oid IN ('authline.node'::regclass, 'authline.edge'::regclass)`);
    this.rows = Number(row.rows);
  }
}
