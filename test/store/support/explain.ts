/** What PostgreSQL plans for the store's list statement, read with EXPLAIN (FORMAT JSON). */
import assert from 'node:assert/strict';
import type { NodeQuery } from '../../../src/plan/types.js';
import type { AuthPolicy } from '../../../src/rules/policy.js';
import type { Backend as Database } from '../../../src/store/backend/types.js';
import type { SchemaModel } from '../../../src/model/types.js';
import { openPglite } from '../../../src/store/backend/pglite.js';
import { ensureLayout } from '../../../src/store/layout.js';
import { listStatement } from '../../../src/store/sql/query.js';
import { SqlStore } from '../../../src/store/store.js';

export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

/** Every node of `plan`, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** Every node of the plan of `q`'s list statement, depth first. */
export async function explain(db: Database, q: NodeQuery, auth: AuthPolicy): Promise<PlanNode[]> {
  const statement = listStatement(q, auth);
  assert.ok(statement);
  const rows = await db.query(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.params);
  const json = rows[0]['QUERY PLAN'];
  const plans = (typeof json === 'string' ? JSON.parse(json) : json) as { Plan: PlanNode }[];
  return planNodes(plans[0].Plan);
}

/** A store on a private PGlite with `sdl` applied and `data` imported, and its database, for EXPLAIN. */
export async function openExplained(model: SchemaModel, sdl: string, data: unknown): Promise<{ db: Database; store: SqlStore }> {
  const db = await openPglite();
  await ensureLayout(db);
  const store = await SqlStore.open(db);
  await store.applySchema(model, sdl);
  await store.importData(model, data);
  return { db, store };
}
