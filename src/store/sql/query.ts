/**
 * Root statements for reads: a list (queryT, mutation payloads), one node
 * (getT, checkTPassword) or an aggregate (aggregateT). Each is ONE SQL
 * statement however deep the selection and however many nodes it returns.
 * A null result means auth leaves nothing to read: no statement is needed.
 */
import type { AggregateQuery, NodeQuery, SimilarSearch } from '../../plan/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import { aggregateSql } from './aggregate.js';
import { Compiler, type LevelEnv, type LevelSource } from './compiler.js';
import type { JsonAnswer } from './exact.js';
import { param, render, renderNoting, sql, type Sql, type Statement } from './fragment.js';
import { arrayText } from './json-text.js';
import { fieldGuard, isByUid, rowsSql } from './levels.js';
import { perType } from './membership.js';
import { NODES_READ } from './reads.js';
import { objectSql } from './selection.js';
import { secretPredicate, storedValue } from './values.js';
import { nearestSource } from './vector.js';

/**
 * The budget parameter of a statement that may build at most `budget` node
 * objects (reads.ts); none without a budget.
 */
export function compilerFor(budget: number | undefined, json: JsonAnswer | null = null): Compiler {
  return new Compiler(budget === undefined ? null : param(budget, 'bigint'), json);
}

/**
 * A read's statement. With a node budget, `budgetAt` is the budget's index
 * in `params`: the text can be kept (a plan cache) and run again under
 * another budget (withBudget).
 */
export interface ReadStatement extends Statement {
  readonly budgetAt?: number;
}

function renderRead(c: Compiler, fragment: Sql): ReadStatement {
  const { statement, slotAt } = renderNoting(fragment, c.nodeBudget);
  return slotAt === undefined ? statement : { ...statement, budgetAt: slotAt };
}

/** `statement` counting against `remaining` nodes (as it is when it has no budget). */
export function withBudget(statement: ReadStatement, remaining: number): Statement {
  if (statement.budgetAt === undefined) return statement;
  const params = [...statement.params];
  params[statement.budgetAt] = remaining;
  return { sql: statement.sql, params };
}

/** With a budget, the statement also answers how many nodes it built (column `nodes`). */
export function nodesColumn(c: Compiler): Sql {
  return c.nodeBudget ? sql`, ${NODES_READ} AS nodes` : sql``;
}

/**
 * A JSON array of the nodes of `q` (one row, column `result`). `budget`:
 * the most nodes it may return (reads.ts), with their count in `nodes`.
 */
export function listStatement(
  q: NodeQuery, policy: AuthPolicy, from: LevelSource = { kind: 'all' }, budget?: number, json: JsonAnswer | null = null,
): ReadStatement | null {
  const c = compilerFor(budget, json);
  const list = listSql(c, q, policy, from, nodesColumn(c));
  return list && renderRead(c, list);
}

/**
 * A similarity query's JSON array (vector.ts): its nearest nodes, then its
 * filter and @cascade; none at all for a topK below 1 (Dgraph's index returns none).
 */
export function similarStatement(q: NodeQuery, search: SimilarSearch, policy: AuthPolicy, budget?: number): ReadStatement | null {
  if (search.topK < 1) return null;
  const c = compilerFor(budget);
  const from = nearestSource(c, q, search, { policy, operation: 'query' });
  const list = from && listSql(c, q, policy, from, nodesColumn(c));
  return list && renderRead(c, list);
}

/** listStatement's query, compiled with `c`; `columns` follow `result`. */
export function listSql(c: Compiler, q: NodeQuery, policy: AuthPolicy, from: LevelSource, columns: Sql = sql``): Sql | null {
  const env: LevelEnv = { policy, operation: 'query', probe: from.kind !== 'all' || isByUid(q) };
  const rows = rowsSql(c, q, from, env, true);
  if (!rows) return null;
  // The count is read after the aggregate has built every node. As text, the array is JSON text (json-text.ts).
  const object = objectSql(c, rows, q, env);
  const list = c.json ? arrayText(object, rows.orderBy) : sql`COALESCE(json_agg(${object} ORDER BY ${rows.orderBy}), '[]'::json)`;
  return sql`SELECT ${list} AS result${columns} FROM (${rows.sql}) ${rows.alias}`;
}

/** A JSON array of the nodes of `q` among `uids` (a mutation's payload). */
export function payloadStatement(q: NodeQuery, policy: AuthPolicy, uids: readonly bigint[], budget?: number): Statement | null {
  return uids.length === 0 ? null : listStatement(q, policy, { kind: 'uids', uids: uids.map(String) }, budget);
}

/**
 * The first node of `q` as JSON (column `result`; no row when none), read
 * under `operation`'s rule at the root. With `secret`, also the SQL it gives
 * for the row's alias (column `secret`).
 */
function singleStatement(
  q: NodeQuery, policy: AuthPolicy, operation: AuthOperation, budget: number | undefined, secret?: (alias: Sql) => Sql,
  json: JsonAnswer | null = null,
): ReadStatement | null {
  const c = compilerFor(budget, json);
  const env: LevelEnv = { policy, operation, probe: isByUid(q) };
  const rows = rowsSql(c, { ...q, first: 1 }, { kind: 'all' }, env);
  if (!rows) return null;
  const hash = secret ? sql`, ${secret(rows.alias)} AS secret` : sql``;
  const single = sql`SELECT ${objectSql(c, rows, q, env)} AS result${hash} FROM (${rows.sql}) ${rows.alias}`;
  if (!c.nodeBudget) return render(single);
  // The count is read once the node is built: outside the query that builds it.
  const built = c.alias('r');
  return renderRead(c, sql`SELECT ${built}.*${nodesColumn(c)} FROM (${single}) ${built}`);
}

/** getT: the node `q`'s filter names, read under the query rule. */
export function getStatement(q: NodeQuery, policy: AuthPolicy, budget?: number, json: JsonAnswer | null = null): ReadStatement | null {
  return singleStatement(q, policy, 'query', budget, undefined, json);
}

/**
 * checkTPassword: the node as getT reads it, but under the password rule, and
 * with its stored password hash (column `secret`; NULL for a type without one).
 */
export function passwordStatement(q: NodeQuery, policy: AuthPolicy, budget?: number): Statement | null {
  const types = q.concreteTypes;
  return singleStatement(q, policy, 'password', budget, (alias) => perType(alias, types, types.map((t) => {
    const predicate = secretPredicate(t);
    return predicate ? sql`authline.str(${storedValue(alias, predicate)})` : sql`NULL::text`;
  })));
}

/** The aggregate object of `q` (column `result`). */
export function aggregateStatement(q: AggregateQuery, policy: AuthPolicy): Statement | null {
  const c = new Compiler();
  const env = { policy, operation: 'query' } as const;
  const rows = rowsSql(c, q, { kind: 'all' }, env);
  if (!rows) return null;
  const values = fieldGuard(c, rows.alias, q.concreteTypes, env);
  return render(sql`SELECT ${aggregateSql(rows.alias, q.fields, values)} AS result FROM (${rows.sql}) ${rows.alias}`);
}
