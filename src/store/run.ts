/**
 * One root field of the generated API against the database: reads are one
 * statement; mutations run in one transaction, so any error leaves nothing
 * written.
 */
import bcrypt from 'bcryptjs';
import type { RootPlan } from '../plan/types.js';
import type { AuthPolicy } from '../rules/policy.js';
import type { Backend, Executor } from './backend/types.js';
import { secretPredicate } from './mutate/model.js';
import { runAdd } from './mutate/add.js';
import { runDelete } from './mutate/delete.js';
import { runUpdate } from './mutate/update.js';
import { perType } from './sql/membership.js';
import { literal } from './sql/params.js';
import { aggregateStatement, listStatement, singleStatement, type Statement } from './sql/query.js';

async function first(db: Executor, statement: Statement | null): Promise<Record<string, unknown> | undefined> {
  return statement ? (await db.query(statement.sql, statement.params))[0] : undefined;
}

export async function run(db: Backend, plan: RootPlan, policy: AuthPolicy): Promise<unknown> {
  switch (plan.kind) {
    case 'query':
      return (await first(db, listStatement(plan.query, policy)))?.result ?? [];
    case 'get':
      return (await first(db, singleStatement(plan.query, policy, 'query')))?.result ?? null;
    case 'aggregate':
      return (await first(db, aggregateStatement(plan.aggregate, policy)))?.result ?? null;
    case 'checkPassword': {
      const types = plan.query.concreteTypes;
      const hash = (alias: string) => perType(alias, types, types.map((t) => {
        const predicate = secretPredicate(t);
        return predicate ? `authline.str(${alias}.data->${literal(predicate)})` : 'NULL::text';
      }));
      const row = await first(db, singleStatement(plan.query, policy, 'password', hash));
      const secret = row?.secret;
      // A node without a password, like a wrong password, answers null.
      if (typeof secret !== 'string' || !(await bcrypt.compare(plan.password, secret))) return null;
      return row?.result ?? null;
    }
    case 'add':
      return db.transaction((tx) => runAdd(tx, plan, policy));
    case 'update':
      return db.transaction((tx) => runUpdate(tx, plan, policy));
    case 'delete':
      return db.transaction((tx) => runDelete(tx, plan, policy));
  }
}
