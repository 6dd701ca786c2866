/** The Store on a backend: schema table, indexes, plans, import. */
import type { SchemaModel } from '../model/types.js';
import type { RootPlan } from '../plan/types.js';
import type { AuthPolicy } from '../rules/policy.js';
import type { Backend } from './backend/types.js';
import { importData } from './import.js';
import { indexStatements, param, sql } from './sql/index.js';
import { LAYOUT_LOCK, ensureTrigram } from './layout.js';
import { announced, run } from './run.js';
import { SCHEMA_CHANNEL, insertSchema, latestSchema } from './schema-table.js';
import { Statistics } from './statistics.js';
import type { ChangedTypes, ImportResult, Store, StoredSchema, WriteOptions } from './types.js';
import { ALL_TYPES, WRITES_CHANNEL, changedTypes } from './writes.js';

export class SqlStore implements Store {
  readonly description: string;
  /** Versions this store uploaded itself: their notifications are not news to its listeners. */
  private readonly ownVersions = new Set<number>();
  private readonly statistics: Statistics;

  constructor(private readonly db: Backend, private readonly trigramSchema: string | null) {
    this.description = db.description;
    this.statistics = new Statistics(db);
  }

  /** The store on a database whose layout is in place (layout.ts). */
  static async open(db: Backend): Promise<SqlStore> {
    const store = new SqlStore(db, await ensureTrigram(db));
    await store.statistics.open();
    return store;
  }

  applySchema(model: SchemaModel, sdl: string): Promise<StoredSchema> {
    return this.db.transaction(async (tx) => {
      await tx.query(sql`SELECT pg_advisory_xact_lock(${param(LAYOUT_LOCK, 'bigint')})`);
      for (const statement of indexStatements(model, this.trigramSchema)) await tx.query(statement);
      const stored = await insertSchema(tx, sdl);
      this.ownVersions.add(stored.version);
      return stored;
    });
  }

  currentSchema(): Promise<StoredSchema | null> {
    return latestSchema(this.db);
  }

  async onSchemaChange(listener: (schema: StoredSchema) => void): Promise<() => Promise<void>> {
    let seen = (await this.currentSchema())?.version ?? 0;
    // Notifications only say "something changed": read the newest schema, one check at a time.
    let checking = Promise.resolve();
    let subscribed = true;
    const check = () => {
      checking = checking.then(async () => {
        const latest = await this.currentSchema();
        // A check queued before unsubscribing may read a schema stored after it: not ours to tell.
        if (!subscribed || !latest || latest.version <= seen) return;
        seen = latest.version;
        if (!this.ownVersions.has(latest.version)) listener(latest);
      }).catch(() => {
        // The database is unreachable right now; the next notification or reconnect checks again.
      });
    };
    const unlisten = await this.db.listen(SCHEMA_CHANNEL, check, check);
    return async () => {
      subscribed = false;
      await unlisten();
    };
  }

  onWrite(listener: (types: ChangedTypes) => void): Promise<() => Promise<void>> {
    return this.db.listen(WRITES_CHANNEL, (payload) => listener(changedTypes(payload)), () => listener(ALL_TYPES));
  }

  async run(plan: RootPlan, policy: AuthPolicy, options?: WriteOptions): Promise<unknown> {
    if (plan.kind !== 'add' && plan.kind !== 'update' && plan.kind !== 'delete') return run(this.db, plan, policy);
    try {
      return await run(this.db, plan, policy, options);
    } finally {
      // After the commit (or rollback), not awaited: the answer does not wait for an ANALYZE.
      this.statistics.afterWrite();
    }
  }

  async importData(model: SchemaModel, data: unknown, options: WriteOptions = {}): Promise<ImportResult> {
    const result = await this.db.transaction((tx) => announced(tx, options, importData(tx, model, data)));
    await this.statistics.analyze();
    return result;
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query(sql`SELECT 1`);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.statistics.idle();
    await this.db.close();
  }
}
