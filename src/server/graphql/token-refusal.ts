/**
 * A request refused for its token, answered as RFC 6750 asks, for clients
 * that read `application/graphql-response+json`: 401 with a Bearer
 * challenge and only `errors`, before anything runs. Clients of
 * `application/json` (Dgraph's) get Dgraph's answer instead: 200, each root
 * field failing on its own. A request is refused for its token when the
 * engine says every root field of the API will fail for it (an invalid
 * token, or none under ClosedByDefault) and the operation selects one;
 * introspection alone still answers, as in Dgraph.
 */
import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionNode, SelectionSetNode } from 'graphql';
import type { Response } from 'graphql-http';

/** What the engine says of the token: Dgraph's text and the JWT_ code. */
export interface TokenRefusal {
  readonly message: string;
  readonly code: string;
}

export function tokenRefusalResponse(refusal: TokenRefusal): Response {
  return [
    JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] }),
    {
      status: 401,
      statusText: 'Unauthorized',
      headers: {
        'content-type': 'application/graphql-response+json; charset=utf-8',
        'www-authenticate': bearerChallenge(refusal),
      },
    },
  ];
}

/**
 * RFC 6750 §3: a request that carried no token gets the challenge without
 * an error code (§3.1); a token that does not verify gets invalid_token
 * with the reason.
 */
export function bearerChallenge(refusal: TokenRefusal): string {
  if (refusal.code === 'JWT_MISSING') return 'Bearer';
  return `Bearer error="invalid_token", error_description="${descriptionText(refusal.message)}"`;
}

/** error_description allows %x20-21 / %x23-5B / %x5D-7E: no quote, no backslash, nothing outside printable ASCII. */
function descriptionText(message: string): string {
  return message.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, '?');
}

/** Whether the operation selects a root field of the API, not only `__typename`/`__schema`/`__type`; @skip and @include applied. */
export function selectsApiField(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const selects = (set: SelectionSetNode, spread: ReadonlySet<string>): boolean =>
    set.selections.some((selection) => {
      if (!included(selection, variables)) return false;
      switch (selection.kind) {
        case Kind.FIELD:
          return !selection.name.value.startsWith('__');
        case Kind.INLINE_FRAGMENT:
          return selects(selection.selectionSet, spread);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          return fragment !== undefined && !spread.has(name) && selects(fragment.selectionSet, new Set([...spread, name]));
        }
      }
    });
  return selects(operation.selectionSet, new Set());
}

function included(node: SelectionNode, variables: Readonly<Record<string, unknown>>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}
