/**
 * The store suites run on both backends: embedded PGlite (in memory) and a
 * throwaway PostgreSQL 15 database (test/support/postgres.ts).
 */
import type { SchemaModel } from '../../../src/model/types.js';
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

export interface LoadedStore extends OpenedStore {
  /** Blank-node name → uid, as the import assigned them. */
  readonly uids: Readonly<Record<string, string>>;
}

/** A store on `backend` with `sdl` applied and `data` imported (closed again if loading fails). */
export async function openLoaded(backend: Backend, model: SchemaModel, sdl: string, data: unknown): Promise<LoadedStore> {
  const opened = await backend.open();
  try {
    await opened.store.applySchema(model, sdl);
    return { ...opened, uids: (await opened.store.importData(model, data)).uids };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
