/**
 * Who may introspect. Dgraph answers `__schema`/`__type` to anyone, even
 * under ClosedByDefault, and that stays the default; a deployment that does
 * not want its API mapped can ask for a valid token, or refuse it outright.
 * The check reads every field of the document, fragments included, so
 * introspection cannot hide inside a fragment (the bypass envelop#892 fixed;
 * `__typename` is not introspection and is never restricted).
 */
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';

export type IntrospectionPolicy = 'open' | 'authenticated' | 'off';

export const INTROSPECTION_POLICIES: readonly IntrospectionPolicy[] = ['open', 'authenticated', 'off'];

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Why this document may not run under `policy`, or undefined when it may. */
export function introspectionRefusal(
  policy: IntrospectionPolicy,
  document: DocumentNode,
  authenticated: boolean,
): GraphQLError | undefined {
  if (policy === 'open' || (policy === 'authenticated' && authenticated) || !introspects(document)) return undefined;
  return new GraphQLError(
    policy === 'off'
      ? 'introspection is disabled on this server'
      : 'introspection requires a valid JWT on this server',
    { extensions: { code: 'INTROSPECTION_REFUSED' } },
  );
}
