/**
 * What the engine tells about the requests it serves and the schemas it
 * swaps, for metrics (the server counts it; the engine knows no metrics
 * library). It extends the verifier's observer, which the service hands to
 * every verifier it builds. Every method is optional, called synchronously,
 * and must not throw: it runs inside the request it observes.
 */
import type { AuthOperation, FieldAuthOperation, TokenStatus } from '../rules/index.js';
import type { VerifierObserver } from '../verifier/observer.js';

/** A token read: none sent, a valid one, or a refused one. */
export type TokenOutcomeKind = Exclude<TokenStatus, 'unread'>;

export interface EngineObserver extends VerifierObserver {
  /**
   * A request's token was read: none came, a valid one, or one refused with
   * the verifier's error `code`. Requests to a schema without an auth line
   * read no token and are not reported.
   */
  tokenRead?(outcome: TokenOutcomeKind, code?: string): void;
  /**
   * Auth refused `type` for `operation` in a request: its token refused the
   * root field, the rules deny the type to the request's claims, or a
   * mutation's rule failed on the nodes it wrote (then `type` is the root
   * field's). Once per request for each type and operation; rows a rule
   * filters out of an answer are not refusals.
   */
  accessDenied?(type: string, operation: AuthOperation): void;
  /**
   * A field's rule refused `operation` in a request: its query rule hides the
   * field from the request's claims, or a mutation's input set or removed it
   * where its add or update rule does not hold. Once per request for each
   * type, field and operation.
   */
  fieldAccessDenied?(type: string, field: string, operation: FieldAuthOperation): void;
  /**
   * An operation over HTTP was answered: `text` when written from the
   * database's JSON text (text-answer.ts), `graphql-js` when executed the
   * general way (including every operation that fell back to it).
   */
  operationAnswered?(by: 'text' | 'graphql-js'): void;
  /** A schema began serving: uploaded to this service, or stored by another process (or found at start). */
  schemaSwapped?(version: number, source: 'upload' | 'store'): void;
}
