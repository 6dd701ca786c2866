/**
 * Root statements for reads: a list (queryT, mutation payloads), one node
 * (getT, checkTPassword) or an aggregate (aggregateT). Each is ONE SQL
 * statement however deep the selection and however many nodes it returns.
 * A null result means auth leaves nothing to read: no statement is needed.
 */
import type { AggregateQuery, NodeQuery } from '../../plan/types.js';
import type { AuthOperation, AuthPolicy } from '../../rules/policy.js';
import { aggregateSql } from './aggregate.js';
import { Compiler, type LevelEnv } from './compiler.js';
import { rowsSql, type LevelSource } from './level.js';
import { objectSql } from './selection.js';

export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

function rootEnv(policy: AuthPolicy, operation: AuthOperation): LevelEnv {
  return { policy, operation, cascade: null };
}

/** A JSON array of the nodes of `q` (one row, column `result`). */
export function listStatement(q: NodeQuery, policy: AuthPolicy, from: LevelSource = { kind: 'all' }): Statement | null {
  const c = new Compiler();
  const env = rootEnv(policy, 'query');
  const rows = rowsSql(c, q, from, env);
  if (!rows) return null;
  const sql = `SELECT COALESCE(json_agg(${objectSql(c, rows, q, env)} ORDER BY ${rows.orderBy}), '[]'::json) AS result`
    + ` FROM (${rows.sql}) ${rows.alias}`;
  return { sql, params: c.params.values };
}

/**
 * The first node of `q` as JSON (column `result`; no row when none), read
 * under `operation`'s rule at the root. With `secret`, also the SQL it gives
 * for the row's alias (column `secret`: the stored password hash).
 */
export function singleStatement(
  q: NodeQuery, policy: AuthPolicy, operation: AuthOperation, secret?: (alias: string) => string,
): Statement | null {
  const c = new Compiler();
  const env = rootEnv(policy, operation);
  const rows = rowsSql(c, { ...q, first: 1 }, { kind: 'all' }, env);
  if (!rows) return null;
  const hash = secret ? `, ${secret(rows.alias)} AS secret` : '';
  const sql = `SELECT ${objectSql(c, rows, q, env)} AS result${hash} FROM (${rows.sql}) ${rows.alias}`;
  return { sql, params: c.params.values };
}

/** The aggregate object of `q` (column `result`). */
export function aggregateStatement(q: AggregateQuery, policy: AuthPolicy): Statement | null {
  const c = new Compiler();
  const rows = rowsSql(c, q, { kind: 'all' }, rootEnv(policy, 'query'));
  if (!rows) return null;
  return { sql: `SELECT ${aggregateSql(rows.alias, q.fields)} AS result FROM (${rows.sql}) ${rows.alias}`, params: c.params.values };
}
