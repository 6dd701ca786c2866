/**
 * What the store tells about its work, for metrics (the server counts it;
 * the store knows no metrics library). Every method is optional, called
 * synchronously, and must not throw.
 */
export interface StoreObserver {
  /**
   * A statement authline sent has answered (`ok`) or failed (`error`) after
   * `seconds`. PGlite opens and ends its transactions itself: those BEGIN and
   * COMMIT are not statements authline sends, and are not reported.
   */
  statementDone?(seconds: number, result: 'ok' | 'error'): void;
}
