/**
 * Failures of the embedded database's engine, as errors of the statement
 * that met them. Each carries PostgreSQL's SQLSTATE in `code`, like the
 * errors a server sends, so a caller tells them apart the same way on both
 * backends (a server's `statement_timeout` answers 57014 too).
 */

/** The statement ran longer than the statement timeout and was stopped. */
export class StatementTimeoutError extends Error {
  override readonly name = 'StatementTimeoutError';
  /** query_canceled */
  readonly code = '57014';

  constructor(readonly timeoutMs: number) {
    // PostgreSQL's own words for its statement_timeout.
    super('canceling statement due to statement timeout');
  }
}

/**
 * The engine broke while running the statement: it failed without reporting
 * an error (PGlite loses some, see docs/storage.md) or its thread died. The
 * engine is restarted from the committed data; the statement did not complete.
 */
export class EngineFaultError extends Error {
  override readonly name = 'EngineFaultError';
  /** internal_error */
  readonly code = 'XX000';

  constructor(readonly reason: string) {
    super(`the embedded database failed while running the statement (${reason}); it is restarting from the committed data`);
  }
}

/**
 * The statement could not run: the engine is restarting (and did not come
 * back in time, or failed to), or it restarted during the statement's
 * transaction, which was therefore rolled back.
 */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
  /** cannot_connect_now, as a server answers while it starts */
  readonly code = '57P03';
}
