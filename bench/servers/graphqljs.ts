/**
 * The second ceiling: Koa and graphql-js (through graphql-http, the
 * reference GraphQL-over-HTTP handler, which parses, validates and executes
 * every request) answering `queryTodo(first, offset)` from an array in
 * memory: the bench's todos, in id order, as authline lists them. No token
 * is checked and no database is asked, so it is what a GraphQL server on
 * this stack costs before auth and storage.
 * argv: users todos teams
 */
import type { AddressInfo } from 'node:net';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createHandler } from 'graphql-http/lib/use/koa';
import Koa from 'koa';
import { generate, hexUid } from '../lib/data.js';

const [users, todos, teams] = process.argv.slice(2).map(Number);
const rows = generate({ users, todos, teams }).todos.map((t) => ({ id: hexUid(t.id), title: t.title, done: t.done }));

const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      queryTodo(first: Int, offset: Int): [Todo]
    }
    type Todo {
      id: ID!
      title: String!
      done: Boolean!
    }
  `,
  resolvers: {
    Query: {
      queryTodo: (_: unknown, args: { first?: number | null; offset?: number | null }) => {
        const offset = args.offset ?? 0;
        return rows.slice(offset, args.first == null ? undefined : offset + args.first);
      },
    },
  },
});

const app = new Koa();
app.use(createHandler({ schema }));
const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ ready: true, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
