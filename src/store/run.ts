/**
 * One root field of the generated API against the database: reads are one
 * statement; mutations run in one transaction, so any error leaves nothing
 * written.
 */
import bcrypt from 'bcryptjs';
import type { RootPlan } from '../plan/types.js';
import type { AuthPolicy } from '../rules/policy.js';
import type { Backend, Executor } from './backend/types.js';
import { countedRow } from './counted.js';
import { MutationFailedError, StaleLookupError } from './errors.js';
import type { WriteOptions } from './types.js';
import { announceWrite } from './writes.js';
import { runAdd } from './mutate/add.js';
import { runDelete } from './mutate/delete.js';
import { runUpdate } from './mutate/update.js';
import { aggregateStatement, getStatement, JsonAnswer, listStatement, passwordStatement, similarStatement, withBudget } from './sql/index.js';
import { checkedSearch } from './vectors.js';
import type { CompiledRead, EnumValues, NodeBudget, ReadPlan } from './types.js';

/**
 * A read compiled once for any budget (`budgeted`: run under one), to run
 * again and again with runRead: the answer depends only on the plan, the
 * policy and the data.
 */
export function compileRead(plan: ReadPlan, policy: AuthPolicy, budgeted: boolean): CompiledRead {
  // The budget's value is bound when the read runs: any number compiles the same text.
  const budget = budgeted ? 0 : undefined;
  switch (plan.kind) {
    case 'query':
      return {
        kind: plan.kind,
        statement: plan.similar ? similarStatement(plan.query, checkedSearch(plan.similar), policy, budget) : listStatement(plan.query, policy, undefined, budget),
      };
    case 'get':
      return { kind: plan.kind, statement: getStatement(plan.query, policy, budget) };
    case 'aggregate':
      // One object, whatever it counts: the rows it reads are never returned, so never counted.
      return { kind: plan.kind, statement: aggregateStatement(plan.aggregate, policy) };
  }
}

/**
 * A read compiled to answer as text (sql/exact.ts): its JSON exactly as
 * graphql-js would write it, or a mark where the data does not allow that.
 * Null when its selection cannot be answered so (aggregates, geometries...).
 */
export function compileJsonRead(plan: ReadPlan, policy: AuthPolicy, budgeted: boolean, enumValues: EnumValues): CompiledRead | null {
  if (plan.kind === 'aggregate') return null;
  const json = new JsonAnswer(enumValues);
  const budget = budgeted ? 0 : undefined;
  const statement = plan.kind === 'query' ? listStatement(plan.query, policy, undefined, budget, json) : getStatement(plan.query, policy, budget, json);
  return json.unsupported ? null : { kind: plan.kind, statement, text: true };
}

/** Runs a compiled read under what is left of `budget` (the one it was compiled for: with or without). */
export async function runRead(db: Executor, read: CompiledRead, budget?: NodeBudget): Promise<unknown> {
  const counted = read.kind === 'aggregate' ? undefined : budget;
  const statement = read.statement && counted ? withBudget(read.statement, counted.remaining) : read.statement;
  const row = await countedRow(db, statement, counted);
  const nothing = read.kind === 'query' ? [] : null;
  return row?.result ?? (read.text ? JSON.stringify(nothing) : nothing);
}

export async function run(db: Backend, plan: RootPlan, policy: AuthPolicy, budget?: NodeBudget, options: WriteOptions = {}): Promise<unknown> {
  const remaining = budget?.remaining;
  switch (plan.kind) {
    case 'query':
    case 'get':
    case 'aggregate':
      return runRead(db, compileRead(plan, policy, budget !== undefined), budget);
    case 'checkPassword': {
      const row = await countedRow(db, passwordStatement(plan.query, policy, remaining), budget);
      const secret = row?.secret;
      // A node without a password, like a wrong password, answers null.
      if (typeof secret !== 'string' || !(await bcrypt.compare(plan.password, secret))) return null;
      return row?.result ?? null;
    }
    case 'add':
      return retried(() => db.transaction((tx) => announcedFirst(tx, options, () => runAdd(tx, plan, policy, budget, options.compiled))));
    case 'update':
      return retried(() => db.transaction((tx) => announcedFirst(tx, options, () => runUpdate(tx, plan, policy, budget, options.compiled))));
    case 'delete':
      return db.transaction((tx) => announcedFirst(tx, options, () => runDelete(tx, plan, policy, budget)));
  }
}

/**
 * A mutation, its commit announced (when asked) before it starts: PostgreSQL
 * sends a NOTIFY at commit wherever the transaction queued it, and the
 * mutation's own last statement then commits it (payload.ts).
 */
async function announcedFirst<T>(tx: Executor, options: WriteOptions, work: () => Promise<T>): Promise<T> {
  if (options.announce !== undefined) await announceWrite(tx, options.announce);
  return work();
}

/** The mutation's answer, once its commit is announced (when asked) in the same transaction. */
export async function announced<T>(tx: Executor, options: WriteOptions, work: Promise<T>): Promise<T> {
  const result = await work;
  if (options.announce !== undefined) await announceWrite(tx, options.announce);
  return result;
}

/** Runs of a mutation whose @id lookup a concurrent mutation overtook, before its error reaches the client. */
const ATTEMPTS = 5;

/**
 * A mutation, run again (from its own rolled-back transaction) while a
 * concurrent one overtakes its @id lookup (StaleLookupError): each run waits
 * for the locks of the one that overtook it, so it sees its node.
 */
async function retried<T>(attempt: () => Promise<T>): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StaleLookupError)) throw error;
      if (run >= ATTEMPTS) throw new MutationFailedError(error.message);
    }
  }
}
