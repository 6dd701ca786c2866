/**
 * A transaction whose BEGIN rides with its first statement and whose COMMIT
 * rides with the statement the work sends through queryAndCommit: each goes
 * to the database in the same exchange as that statement (PGlite: one call
 * into its engine's thread; a server: one write on a pipelined connection,
 * answered in one round trip). A mutation is then its own statements' round
 * trips and no more.
 *
 * Riding changes nothing about what commits. A statement that fails turns
 * the COMMIT sent after it into a ROLLBACK (PostgreSQL's answer to COMMIT in
 * a failed transaction); BEGIN cannot fail on a working connection.
 */
import { statementOf, type Sql, type Statement } from '../sql/index.js';
import { BEGIN_TRANSACTION, TRANSACTION_COMMITTED } from './prepared.js';
import type { Around, Executor, Row, StatementHook, Transaction } from './types.js';

/** Sends one statement with the commands around it, in one exchange. */
export type SendAround = (statement: Statement, around: Around | undefined) => Promise<Row[]>;

export interface RidingTransaction extends Transaction {
  /** Whether BEGIN has been sent (with the first statement): only then is there anything to commit or roll back. */
  readonly begun: boolean;
  /** Whether the work committed it (queryAndCommit answered). */
  readonly committed: boolean;
}

export function ridingTransaction(send: SendAround): RidingTransaction {
  let begun = false;
  let committed = false;
  const run = async (statement: Statement, commit: boolean): Promise<Row[]> => {
    if (committed) throw new Error(TRANSACTION_COMMITTED);
    const around: Around | undefined = !begun || commit
      ? { ...(!begun ? { before: BEGIN_TRANSACTION } : {}), ...(commit ? { after: 'COMMIT' } : {}) }
      : undefined;
    begun = true;
    const rows = await send(statement, around);
    committed = commit;
    return rows;
  };
  return {
    get begun() {
      return begun;
    },
    get committed() {
      return committed;
    },
    query: ((query: Sql | Statement | string, values?: readonly unknown[]) => run(statementOf(query, values), false)) as Executor['query'],
    queryAndCommit: (statement) => run(statementOf(statement), true),
  };
}

/** Tells `hook` of a statement and the commands around it, in the order they go, all in one exchange. */
export function observeExchange(hook: StatementHook | undefined, { sql, params }: Statement, around?: Around): void {
  if (!hook) return;
  if (around?.before !== undefined) hook(around.before, [], false);
  hook(sql, params, around?.before !== undefined);
  if (around?.after !== undefined) hook(around.after, [], true);
}
