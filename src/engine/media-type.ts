/**
 * Which JSON media type a GraphQL-over-HTTP answer takes, read from Accept
 * as graphql-http reads it: the first type it serves wins, and no Accept
 * means `*\/*`. authline's own request-level answers (a malformed Bearer
 * value, a refused token) must carry the status graphql-http would give
 * for that media type: application/graphql-response+json answers request
 * errors with 4xx, application/json with 200, as Dgraph does. The server
 * and library mode's Koa middleware both ask here.
 */
export function prefersGraphQLResponse(accept: string | undefined): boolean {
  for (const entry of (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',')) {
    const mediaType = entry.split(';')[0];
    if (mediaType === 'application/graphql-response+json') return true;
    if (mediaType === 'application/json' || mediaType === 'application/*' || mediaType === '*/*') return false;
  }
  return false;
}
