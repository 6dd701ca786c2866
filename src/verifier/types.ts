/**
 * The verifier's face: from a request's headers to the claims rules see.
 * Built from an AuthConfig when a schema is loaded.
 */

/** Request headers with lower-cased names (Node's IncomingHttpHeaders shape). */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The variables rules see: every top-level claim, minus the namespace key,
 * overlaid with the namespace's claims (namespace wins), JSON types kept.
 */
export type Claims = Readonly<Record<string, unknown>>;

export interface Verifier {
  /**
   * The token carried by the request (the configured header, bare or
   * `Bearer `-prefixed; or the configured cookie), undefined when absent or
   * empty. Throws an error whose message is Dgraph's
   * "invalid Bearer-formatted header value for JWT (<value>)" for a malformed
   * Bearer value.
   */
  tokenFrom(headers: RequestHeaders): string | undefined;
  /**
   * Verifies the token and returns its claims. Rejects with an error whose
   * message is Dgraph's text, e.g. "unable to parse jwt token:token has
   * invalid claims: token is expired" or "JWT `aud` value doesn't match
   * with the audience", and whose `code` is stable (errors.ts) (the
   * engine prefixes "couldn't rewrite query <field> because ").
   */
  verify(token: string): Promise<Claims>;
  /** Stops background JWKS refreshes. */
  close(): void;
}
