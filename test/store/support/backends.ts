/**
 * The store suites run on both backends: embedded PGlite (in memory) and a
 * throwaway PostgreSQL 15 database (test/support/postgres.ts).
 */
import { openStore, type StoreOptions } from '../../../src/store/index.js';
import type { Store } from '../../../src/store/types.js';
import { createTestDatabase } from '../../support/postgres.js';

export interface OpenedStore {
  readonly store: Store;
  /** Statements seen since the last reset. */
  readonly statements: string[];
  close(): Promise<void>;
}

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  open(options?: Omit<StoreOptions, 'databaseUrl' | 'dataDir' | 'onStatement'>): Promise<OpenedStore>;
}

export const BACKENDS: readonly Backend[] = [
  {
    name: 'pglite',
    async open(options = {}) {
      const statements: string[] = [];
      const store = await openStore({ ...options, onStatement: (sql) => statements.push(sql) });
      return { store, statements, close: () => store.close() };
    },
  },
  {
    name: 'postgres',
    async open(options = {}) {
      const db = await createTestDatabase();
      const statements: string[] = [];
      const store = await openStore({ ...options, databaseUrl: db.url, onStatement: (sql) => statements.push(sql) });
      return {
        store,
        statements,
        async close() {
          await store.close();
          await db.drop();
        },
      };
    },
  },
];
