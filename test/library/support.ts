/**
 * Library-mode test rig: an SDL with the auth line (HS256 or RS256 with the
 * fixture keys), the user's resolvers over in-memory arrays, the schema
 * built with graphql-tools and transformed by authline, served by a real
 * Koa app on 127.0.0.1 with graphql-http's Koa handler after authline's
 * middleware. Tokens are signed with jose.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { IResolvers } from '@graphql-tools/utils';
import { createHandler } from 'graphql-http/lib/use/koa';
import { SignJWT } from 'jose';
import Koa from 'koa';
import { key, oneLine, secret } from '../../fixtures/index.js';
import { authDirectiveTypeDefs, createAuthline } from '../../src/library/index.js';
import type { Authline, AuthlineContext, AuthlineOptions } from '../../src/library/index.js';

export const HEADER = 'X-Todo-Auth';
export const NS = 'https://todo.example/claims';

export type Alg = 'HS256' | 'RS256';

export function authLine(alg: Alg, extra: Record<string, unknown> = {}): string {
  const verificationKey = alg === 'HS256' ? secret('HS256') : oneLine(key('rsa').publicPem);
  const fields = { Header: HEADER, Namespace: NS, Algo: alg, VerificationKey: verificationKey, Audience: ['todo-app'], ...extra };
  return `# Dgraph.Authorization ${JSON.stringify(fields)}`;
}

/** A token as an identity provider would issue it: the app's claims under the namespace. */
export async function token(
  alg: Alg,
  claims: Record<string, unknown>,
  options: { expiresAt?: number; audience?: string } = {},
): Promise<string> {
  const signing = alg === 'HS256' ? new TextEncoder().encode(secret('HS256')) : key('rsa').privateKey;
  return new SignJWT({ [NS]: claims })
    .setProtectedHeader({ alg })
    .setIssuedAt()
    .setAudience(options.audience ?? 'todo-app')
    .setExpirationTime(options.expiresAt ?? '1h')
    .sign(signing);
}

/**
 * Todos and Bugs are Tasks; the rules differ per type so that an interface
 * field mixes decisions: USER and ADMIN see Todos, only ADMIN sees Bugs,
 * which USER may still add. Note has no rules; User's query rule reads a
 * boolean claim.
 */
export const TYPES = `
interface Task @auth(query: { rule: "{$ROLE: {in: [\\"USER\\", \\"ADMIN\\"]}}" }) {
  id: ID!
  title: String!
}

type Todo implements Task @auth(
  add: { rule: "{$ROLE: {eq: \\"USER\\"}}" },
  update: { or: [{ rule: "{$ROLE: {eq: \\"USER\\"}}" }, { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }] },
  delete: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" }
) {
  id: ID!
  title: String!
  owner: User
  watchers: [User!]!
}

type Bug implements Task @auth(
  query: { rule: "{$ROLE: {eq: \\"ADMIN\\"}}" },
  add: { rule: "{$ROLE: {in: [\\"USER\\", \\"ADMIN\\"]}}" }
) {
  id: ID!
  title: String!
  severity: Int!
}

type User @auth(query: { rule: "{$VIEW_USERS: {eq: true}}" }) {
  name: String!
}

type Note {
  text: String!
}

union SearchResult = Todo | Bug | Note
`;

export const ROOTS = `
type Query {
  todos: [Todo]
  todo(id: ID!): Todo
  requiredTodo(id: ID!): Todo!
  tasks: [Task!]!
  task(id: ID!): Task
  search: [SearchResult]
  users: [User]
  notes: [Note!]!
  me: String
  todoCount: Int
}

type Mutation {
  addTodo(title: String!): Todo
  updateTodo(id: ID!, title: String!): Todo
  deleteTodo(id: ID!): Todo
  createBug(title: String!): Bug
  ping: String
}
`;

export interface Data {
  todos: { id: string; title: string; owner: string }[];
  bugs: { id: string; title: string; severity: number }[];
  users: { name: string }[];
  notes: { text: string }[];
  /** Resolver calls, by field, to show which resolvers ran. */
  calls: string[];
}

export function freshData(): Data {
  return {
    todos: [
      { id: 't1', title: 'write tests', owner: 'alice' },
      { id: 't2', title: 'ship it', owner: 'bob' },
    ],
    bugs: [{ id: 'b1', title: 'crash on save', severity: 3 }],
    users: [{ name: 'alice' }, { name: 'bob' }],
    notes: [{ text: 'public note' }],
    calls: [],
  };
}

type Context = AuthlineContext;

/**
 * The user's resolvers. Nodes of interfaces and unions carry `__typename`,
 * or, with `resolveType`, the abstract types tell them apart by their fields.
 */
export function resolversFor(data: Data, { resolveType = false } = {}): IResolvers<unknown, Context> {
  const called = <T>(name: string, value: T): T => {
    data.calls.push(name);
    return value;
  };
  const typed = <T extends object>(typename: string, value: T) => (resolveType ? value : { __typename: typename, ...value });
  const typeOf = (value: object) => ('text' in value ? 'Note' : 'severity' in value ? 'Bug' : 'Todo');
  return {
    ...(resolveType ? { Task: { __resolveType: typeOf }, SearchResult: { __resolveType: typeOf } } : {}),
    Query: {
      todos: () => called('todos', data.todos),
      todo: (_: unknown, { id }: { id: string }) => called('todo', data.todos.find((t) => t.id === id) ?? null),
      requiredTodo: (_: unknown, { id }: { id: string }) => called('requiredTodo', data.todos.find((t) => t.id === id)),
      tasks: async () => called('tasks', [...data.todos.map((t) => typed('Todo', t)), ...data.bugs.map((b) => typed('Bug', b))]),
      task: (_: unknown, { id }: { id: string }) =>
        called('task', [...data.todos.map((t) => typed('Todo', t)), ...data.bugs.map((b) => typed('Bug', b))].find((t) => t.id === id) ?? null),
      search: () =>
        called('search', [...data.todos.map((t) => typed('Todo', t)), ...data.bugs.map((b) => typed('Bug', b)), ...data.notes.map((n) => typed('Note', n))]),
      users: () => called('users', data.users),
      notes: () => called('notes', data.notes),
      me: (_: unknown, __: unknown, context: Context) => called('me', (context.authline.claims?.USER as string | undefined) ?? null),
      todoCount: () => called('todoCount', data.todos.length),
    },
    Mutation: {
      addTodo: (_: unknown, { title }: { title: string }, context: Context) => {
        const todo = { id: `t${data.todos.length + 1}`, title, owner: String(context.authline.claims?.USER) };
        data.todos.push(todo);
        return called('addTodo', todo);
      },
      updateTodo: (_: unknown, { id, title }: { id: string; title: string }) => {
        const todo = data.todos.find((t) => t.id === id);
        if (todo) todo.title = title;
        return called('updateTodo', todo ?? null);
      },
      deleteTodo: (_: unknown, { id }: { id: string }) => {
        const index = data.todos.findIndex((t) => t.id === id);
        return called('deleteTodo', index < 0 ? null : data.todos.splice(index, 1)[0]);
      },
      createBug: (_: unknown, { title }: { title: string }) => {
        const bug = { id: `b${data.bugs.length + 1}`, title, severity: 1 };
        data.bugs.push(bug);
        return called('createBug', bug);
      },
      ping: () => called('ping', 'pong'),
    },
    Todo: {
      owner: (todo: { owner: string }) => called('Todo.owner', data.users.find((u) => u.name === todo.owner) ?? null),
      watchers: () => called('Todo.watchers', data.users),
    },
  };
}

export interface LibraryServer {
  readonly url: string;
  readonly auth: Authline;
  readonly data: Data;
  post(query: string, headers?: Record<string, string>, variables?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** createBug is not a Dgraph name: it is guarded by Bug's add rule; ping changes nothing rules govern. */
export const OPERATIONS: AuthlineOptions['operations'] = {
  'Mutation.createBug': { type: 'Bug', op: 'add' },
  'Mutation.ping': 'none',
};

/** The SDL as a user writes it: types, roots, and the auth line last. */
export function sdlWith(line: string, types = TYPES, roots = ROOTS): string {
  return `${types}\n${roots}\n${line}\n`;
}

export async function startLibraryServer(
  options: { sdl: string; operations?: AuthlineOptions['operations']; data?: Data; resolvers?: (data: Data) => IResolvers<unknown, Context> },
): Promise<LibraryServer> {
  const data = options.data ?? freshData();
  const auth = await createAuthline({ typeDefs: options.sdl, operations: options.operations ?? OPERATIONS });
  const schema = auth.applyTo(
    makeExecutableSchema<Context>({ typeDefs: [authDirectiveTypeDefs, options.sdl], resolvers: (options.resolvers ?? resolversFor)(data) }),
  );
  const app = new Koa();
  app.use(auth.koa());
  app.use(createHandler({ schema, context: (req) => ({ authline: req.context.res.ctx.state.authline }) }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    auth,
    data,
    async post(query, headers = {}, variables) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      auth.close();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** The Bearer header of a request with `claims`. */
export async function bearer(alg: Alg, claims: Record<string, unknown>): Promise<Record<string, string>> {
  return { [HEADER]: `Bearer ${await token(alg, claims)}` };
}
