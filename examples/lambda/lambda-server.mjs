/**
 * A small lambda server speaking Dgraph's lambda protocol, the one
 * dgraph-lambda speaks (so dgraph-lambda itself, with the same resolvers,
 * works in its place). authline POSTs here:
 *
 *   {resolver: "Author.fullName", parents: [{id, firstName, lastName}, ...], authHeader: {key, value}}
 *   {resolver: "Query.authorCount", args: {}, authHeader: {key, value}}
 *   {resolver: "$webhook", event: {__typename: "Author", operation: "add", add: {rootUIDs, input}, ...}}
 *
 * Run from the repository root:
 *
 *   node examples/lambda/lambda-server.mjs
 *
 * PORT sets the port (default 8686); DGRAPH_URL where `graphql` calls back
 * (default http://127.0.0.1:8080, authline's /graphql).
 */
import { createServer } from 'node:http';

const DGRAPH_URL = process.env.DGRAPH_URL ?? 'http://127.0.0.1:8080';

/** Field and query resolvers, keyed `Type.field` as in dgraph-lambda's addGraphQLResolvers. */
const resolvers = {
  'Author.fullName': ({ parent }) => `${parent.firstName} ${parent.lastName}`,
  'Query.authorCount': async ({ graphql }) => (await graphql('{ aggregateAuthor { count } }')).data.aggregateAuthor.count,
};

/** Webhooks, keyed `Type.operation` as in dgraph-lambda's addWebHookResolvers. */
const webhooks = {
  'Author.add': ({ event }) => console.log(`webhook: ${event.add.input.length} Author added: ${event.add.rootUIDs.join(', ')}`),
};

/** dgraph-lambda's `graphql` helper: a request to authline carrying the caller's auth header. */
function graphqlFor(authHeader) {
  return async (query, variables = {}) => {
    const headers = { 'content-type': 'application/json' };
    if (authHeader?.key && authHeader.value) headers[authHeader.key] = authHeader.value;
    const res = await fetch(`${DGRAPH_URL}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return res.json();
  };
}

async function handle(body) {
  const graphql = graphqlFor(body.authHeader);
  if (body.resolver === '$webhook') {
    const hook = webhooks[`${body.event.__typename}.${body.event.operation}`];
    await hook?.({ event: body.event, graphql, authHeader: body.authHeader });
    return null;
  }
  const resolver = resolvers[body.resolver];
  if (!resolver) throw new Error(`no resolver for ${body.resolver}`);
  // A field of a type comes with all its parents: one answer per parent, in order.
  if (Array.isArray(body.parents)) {
    return Promise.all(body.parents.map((parent) => resolver({ parent, args: body.args ?? {}, graphql, authHeader: body.authHeader })));
  }
  return resolver({ args: body.args ?? {}, graphql, authHeader: body.authHeader });
}

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    const answer = await handle(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] }));
  }
});

server.listen(Number(process.env.PORT ?? 8686), '127.0.0.1', () => {
  console.log(`lambda server at http://127.0.0.1:${server.address().port}/graphql-worker, calling back ${DGRAPH_URL}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close());
