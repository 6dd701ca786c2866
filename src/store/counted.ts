/**
 * Running a read under the request's node budget (sql/reads.ts counts the
 * nodes in the database): the budget's remainder goes into the statement,
 * the count it reports comes off the budget, and the database's refusal
 * becomes QueryEdgeLimitError.
 */
import type { Executor, Row } from './backend/types.js';
import { QueryEdgeLimitError, VectorSearchError } from './errors.js';
import { VECTOR_LENGTHS_DIFFER } from './vector-functions.js';
import { TOO_MANY_NODES, type Statement } from './sql/index.js';
import type { NodeBudget } from './types.js';

/** The one row of a read statement built with `budget?.remaining` (none for a null statement or no row). */
export async function countedRow(db: Executor, statement: Statement | null, budget: NodeBudget | undefined): Promise<Row | undefined> {
  if (!statement) return undefined;
  let row: Row | undefined;
  try {
    [row] = await db.query(statement);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (budget && code === TOO_MANY_NODES) throw new QueryEdgeLimitError(budget.limit);
    if (code === VECTOR_LENGTHS_DIFFER) throw new VectorSearchError((error as Error).message);
    throw error;
  }
  if (budget && row) budget.spend(Number(row.nodes ?? 0));
  return row;
}
