/** The Store on a backend: schema table, indexes, plans, import. */
import type { SchemaModel } from '../model/types.js';
import type { RootPlan } from '../plan/types.js';
import type { AuthPolicy } from '../rules/policy.js';
import type { Backend } from './backend/types.js';
import { importRecords, recordsOf } from './import/index.js';
import { schemaIndexes, sql } from './sql/index.js';
import { ensureTrigram, withLayoutLock } from './layout.js';
import { announced, compileJsonRead, compileRead, run, runRead } from './run.js';
import { SchemaIndexes } from './schema-indexes.js';
import { SCHEMA_CHANNEL, insertSchema, latestSchema } from './schema-table.js';
import { Statistics } from './statistics.js';
import type {
  ChangedTypes, CompiledRead, EnumValues, ImportOptions, ImportResult, NodeBudget, ReadPlan, RecordSource, Store, StoredSchema, WriteOptions,
} from './types.js';
import { ALL_TYPES, WRITES_CHANNEL, changedTypes } from './writes.js';

/** Longest /health waits for the database's answer before calling it unreachable (its answer is due within 2 s). */
const PING_TIMEOUT_MS = 1000;

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

  /**
   * Under the layout lock: builds the indexes `model` needs (requests go on
   * meanwhile, on the schema being served), records `sdl` as the next
   * version, then drops the indexes it no longer needs (schema-indexes.ts).
   */
  applySchema(model: SchemaModel, sdl: string): Promise<StoredSchema> {
    return this.db.session((session) => withLayoutLock(session, async () => {
      const indexes = await SchemaIndexes.read(session, this.db, schemaIndexes(model, this.trigramSchema));
      await indexes.build();
      const stored = await session.transaction(async (tx) => {
        const inserted = await insertSchema(tx, sdl);
        // Before the commit sends the notification, which our own listeners must not take as news.
        this.ownVersions.add(inserted.version);
        return inserted;
      });
      await indexes.dropUnwanted();
      return stored;
    }));
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

  async run(plan: RootPlan, policy: AuthPolicy, budget?: NodeBudget, options?: WriteOptions): Promise<unknown> {
    if (plan.kind !== 'add' && plan.kind !== 'update' && plan.kind !== 'delete') return run(this.db, plan, policy, budget);
    try {
      return await run(this.db, plan, policy, budget, options);
    } finally {
      // After the commit (or rollback), not awaited: the answer does not wait for an ANALYZE.
      this.statistics.afterWrite();
    }
  }

  compileRead(plan: ReadPlan, policy: AuthPolicy, budgeted: boolean): CompiledRead {
    return compileRead(plan, policy, budgeted);
  }

  compileJsonRead(plan: ReadPlan, policy: AuthPolicy, budgeted: boolean, enumValues: EnumValues): CompiledRead | null {
    return compileJsonRead(plan, policy, budgeted, enumValues);
  }

  runRead(read: CompiledRead, budget?: NodeBudget): Promise<unknown> {
    return runRead(this.db, read, budget);
  }

  async importData(model: SchemaModel, data: unknown, options?: ImportOptions & WriteOptions): Promise<ImportResult> {
    return this.importRecords(model, recordsOf(data), options);
  }

  async importRecords(model: SchemaModel, records: RecordSource, options: ImportOptions & WriteOptions = {}): Promise<ImportResult> {
    const result = await this.db.transaction((tx) => announced(tx, options, importRecords(tx, model, records, options)));
    await this.statistics.analyze();
    return result;
  }

  /**
   * Whether the database answers `SELECT 1` within PING_TIMEOUT_MS: /health
   * must answer promptly whatever the database does (frozen, restarting, or
   * busy with a long statement ahead of the ping on PGlite's one connection).
   */
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS); });
    try {
      return await Promise.race([this.db.query(sql`SELECT 1`).then(() => true, () => false), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.statistics.idle();
    await this.db.close();
  }
}
