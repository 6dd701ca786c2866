/**
 * One root field of the generated API against the database: reads are one
 * statement; mutations run in one transaction, so any error leaves nothing
 * written.
 */
import bcrypt from 'bcryptjs';
import type { RootPlan } from '../plan/types.js';
import type { AuthPolicy } from '../rules/policy.js';
import type { Backend, Executor } from './backend/types.js';
import type { WriteOptions } from './types.js';
import { announceWrite } from './writes.js';
import { runAdd } from './mutate/add.js';
import { runDelete } from './mutate/delete.js';
import { runUpdate } from './mutate/update.js';
import { aggregateStatement, getStatement, listStatement, passwordStatement, type Statement } from './sql/index.js';

async function first(db: Executor, statement: Statement | null): Promise<Record<string, unknown> | undefined> {
  return statement ? (await db.query(statement))[0] : undefined;
}

export async function run(db: Backend, plan: RootPlan, policy: AuthPolicy, options: WriteOptions = {}): Promise<unknown> {
  switch (plan.kind) {
    case 'query':
      return (await first(db, listStatement(plan.query, policy)))?.result ?? [];
    case 'get':
      return (await first(db, getStatement(plan.query, policy)))?.result ?? null;
    case 'aggregate':
      return (await first(db, aggregateStatement(plan.aggregate, policy)))?.result ?? null;
    case 'checkPassword': {
      const row = await first(db, passwordStatement(plan.query, policy));
      const secret = row?.secret;
      // A node without a password, like a wrong password, answers null.
      if (typeof secret !== 'string' || !(await bcrypt.compare(plan.password, secret))) return null;
      return row?.result ?? null;
    }
    case 'add':
      return db.transaction((tx) => announced(tx, options, runAdd(tx, plan, policy)));
    case 'update':
      return db.transaction((tx) => announced(tx, options, runUpdate(tx, plan, policy)));
    case 'delete':
      return db.transaction((tx) => announced(tx, options, runDelete(tx, plan, policy)));
  }
}

/** The mutation's answer, once its commit is announced (when asked) in the same transaction. */
export async function announced<T>(tx: Executor, options: WriteOptions, work: Promise<T>): Promise<T> {
  const result = await work;
  if (options.announce !== undefined) await announceWrite(tx, options.announce);
  return result;
}
