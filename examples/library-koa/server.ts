/**
 * authline in library mode: a Koa app with its own resolvers over an
 * in-memory array, and authline enforcing schema.graphql's auth line and
 * @auth rules on them. Run it from the repository root:
 *
 *   node --import tsx examples/library-koa/server.ts
 *
 * PORT (default 4000) sets the port; it listens on 127.0.0.1 only.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { createHandler } from 'graphql-http/lib/use/koa';
import Koa from 'koa';
// In an application: from 'authline'.
import { authDirectiveTypeDefs, createAuthline } from '../../src/index.js';
import type { AuthlineContext } from '../../src/index.js';

interface Todo {
  id: string;
  title: string;
  done: boolean;
  owner: string;
}

const todos: Todo[] = [
  { id: '1', title: 'Read the auth line', done: true, owner: 'alice' },
  { id: '2', title: 'Write RBAC rules', done: false, owner: 'alice' },
  { id: '3', title: 'Review the rules', done: false, owner: 'bob' },
];
const audit: { action: string; user: string; todo: string }[] = [];

/** The rules decided whether the caller may read todos at all; which ones are theirs is the resolvers' business. */
function visible(context: AuthlineContext): Todo[] {
  const { claims } = context.authline;
  return claims?.ROLE === 'ADMIN' ? todos : todos.filter((todo) => todo.owner === claims?.USER);
}

function record(action: string, context: AuthlineContext, todo: Todo): Todo {
  audit.push({ action, user: String(context.authline.claims?.USER), todo: todo.id });
  return todo;
}

const resolvers = {
  Query: {
    todos: (_: unknown, __: unknown, context: AuthlineContext) => visible(context),
    todo: (_: unknown, { id }: { id: string }, context: AuthlineContext) => visible(context).find((t) => t.id === id) ?? null,
    audit: () => audit,
    whoami: (_: unknown, __: unknown, context: AuthlineContext) => context.authline.claims?.USER ?? null,
  },
  Mutation: {
    addTodo: (_: unknown, { title }: { title: string }, context: AuthlineContext) => {
      const todo = { id: String(todos.length + 1), title, done: false, owner: String(context.authline.claims?.USER) };
      todos.push(todo);
      return record('add', context, todo);
    },
    completeTodo: (_: unknown, { id }: { id: string }, context: AuthlineContext) => {
      const todo = visible(context).find((t) => t.id === id);
      if (!todo) return null;
      todo.done = true;
      return record('complete', context, todo);
    },
    deleteTodo: (_: unknown, { id }: { id: string }, context: AuthlineContext) => {
      const index = todos.findIndex((t) => t.id === id);
      return index < 0 ? null : record('delete', context, todos.splice(index, 1)[0]);
    },
  },
};

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const auth = await createAuthline({
  typeDefs,
  // addTodo and deleteTodo are Dgraph's names; completeTodo is not, so it is mapped.
  operations: { 'Mutation.completeTodo': { type: 'Todo', op: 'update' } },
});
const schema = auth.applyTo(makeExecutableSchema({ typeDefs: [authDirectiveTypeDefs, typeDefs], resolvers }));

const router = new Router();
router.all(
  '/graphql',
  auth.koa(),
  createHandler<AuthlineContext>({ schema, context: (req) => ({ authline: req.context.res.ctx.state.authline }) }),
);
const app = new Koa();
app.use(router.routes()).use(router.allowedMethods());

const server = app.listen(Number(process.env.PORT ?? 4000), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}/graphql`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    auth.close();
    server.close();
  });
}
