/**
 * Errors library mode adds to Dgraph's (src/engine/dgraph-errors.ts): both
 * are about the application's own schema, which Dgraph never has.
 */
import { GraphQLError } from 'graphql';
import { AUTHORIZATION_FAILED } from '../engine/dgraph-errors.js';

/** A resolver ran without this Authline's request auth in its context: nothing can be decided, so nothing is shown. */
export function missingAuthError(): GraphQLError {
  return new GraphQLError(
    'authline: the GraphQL context has no request auth from this Authline: put `authline: await auth.contextFor(headers)` ' +
      'in the context (with the Koa middleware, `authline: ctx.state.authline`)',
    { extensions: { code: 'AUTH_CONTEXT_MISSING' } },
  );
}

/**
 * The query rules hide the value of a non-null field: null cannot stand in
 * for it as it does elsewhere, so the field fails (and GraphQL nulls its parent).
 */
export function hiddenNonNullError(coordinate: string): GraphQLError {
  return new GraphQLError(`authorization failed: the query rules hide the value of ${coordinate}, which cannot be null`, {
    extensions: { code: AUTHORIZATION_FAILED.code },
  });
}
