/**
 * The query edge limit in SQL: how many nodes a statement may return, counted
 * as the database builds each node's JSON object and enforced there, so a
 * request over the limit stops as soon as it passes it instead of after the
 * whole answer is built and shipped.
 *
 * The count lives in a transaction-local setting (`authline.nodes_read`):
 * every node object first bumps it, and the one that passes the budget calls
 * authline.too_many_nodes(), which raises SQLSTATE ALQEL and fails the
 * statement. A statement outside a transaction is its own transaction, so
 * the count starts at zero with each; a mutation reads its payload (one
 * counted statement) inside its transaction. The count of a finished
 * statement comes back in its `nodes` column, for the request's budget.
 */
import { sql, type Param, type Sql } from './fragment.js';

/** The SQLSTATE authline.too_many_nodes() raises (layout.ts defines the function). */
export const TOO_MANY_NODES = 'ALQEL';

const SETTING = sql`'authline.nodes_read'`;

/** The nodes counted so far in this transaction. */
export const NODES_READ: Sql = sql`coalesce(nullif(current_setting(${SETTING}, true), ''), '0')::bigint`;

/** Starts the count again: before a second counted statement in one transaction. */
export const RESET_NODES_READ: Sql = sql`SELECT set_config(${SETTING}, '0', true)`;

/**
 * Node `object`'s JSON, counted against `budget`: NULL never, an error once
 * the budget is passed. `asText`: the object is JSON text (json-text.ts),
 * so the CASE's other branch must be text too (the function never returns).
 */
export function countedNode(budget: Param | null, object: Sql, asText = false): Sql {
  if (!budget) return object;
  const seen = sql`set_config(${SETTING}, (${NODES_READ} + 1)::text, true)::bigint`;
  const over = asText ? sql`authline.too_many_nodes()::text` : sql`authline.too_many_nodes()`;
  return sql`CASE WHEN ${seen} <= ${budget} THEN ${object} ELSE ${over} END`;
}

/**
 * The LIMIT for a level whose rows all become node objects and that has no
 * `first` of its own: one more than the budget, so a level too big for it is
 * never read past the node that fails the statement. Null without a budget.
 */
export function rowCap(budget: Param | null): Sql | null {
  return budget ? sql`${budget} + 1` : null;
}
