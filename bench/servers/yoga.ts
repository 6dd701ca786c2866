/**
 * The peer: what a Node team would build by hand for the same API and the
 * same rules. graphql-yoga, @graphql-yoga/plugin-jwt for the token,
 * graphql-shield for the field-level allow/deny, and hand-written resolvers
 * over the same data in PGlite (the engine authline embeds) or, when given
 * a database URL, in PostgreSQL (bench/servers/peer-db.ts), with the
 * row-level rules written into the SQL and nested lists batched into one
 * statement per level, as a competent developer would write them.
 *
 * One process serves three endpoints, one per phase of the bench:
 *   /noauth/graphql  no token, no shield: every row visible
 *   /hs256/graphql   HS256 token, the rules
 *   /jwks/graphql    RS256 token checked against the bench's JWKS, the rules
 * argv: users todos teams jwksUrl [databaseUrl]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInlineSigningKeyProvider, createRemoteJwksSigningKeyProvider, extractFromHeader, useJWT } from '@graphql-yoga/plugin-jwt';
import type { JWTExtendContextFields } from '@graphql-yoga/plugin-jwt';
import { applyMiddleware } from 'graphql-middleware';
import { allow, and, or, rule, shield } from 'graphql-shield';
import { createSchema, createYoga } from 'graphql-yoga';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { generate, hexUid } from '../lib/data.js';
import { AUDIENCE, HEADER, HS256_SECRET, NAMESPACE } from '../lib/schema.js';
import { openPeerDb } from './peer-db.js';

const [users, todos, teams, jwksUrl, databaseUrl] = process.argv.slice(2);
const data = generate({ users: Number(users), todos: Number(todos), teams: Number(teams) });

const db = openPeerDb(databaseUrl);
await db.exec(`
  CREATE TABLE users (id bigint PRIMARY KEY, username text NOT NULL UNIQUE, name text NOT NULL, team text NOT NULL);
  CREATE INDEX users_team ON users (team, id);
  CREATE TABLE todo (id bigint PRIMARY KEY, title text NOT NULL, done boolean NOT NULL, owner_id bigint NOT NULL REFERENCES users (id));
  CREATE INDEX todo_owner ON todo (owner_id, id);
`);
await db.query(`INSERT INTO users SELECT * FROM json_to_recordset($1::json) AS x(id bigint, username text, name text, team text)`, [
  JSON.stringify(data.users),
]);
await db.query(
  `INSERT INTO todo SELECT id, title, done, "ownerId" FROM json_to_recordset($1::json) AS x(id bigint, title text, done boolean, "ownerId" bigint)`,
  [JSON.stringify(data.todos)],
);
await db.exec(`CREATE SEQUENCE todo_id START ${data.users.length + data.todos.length + 1}; ANALYZE;`);

const typeDefs = /* GraphQL */ `
  type Query {
    queryTodo(first: Int, offset: Int): [Todo]
    queryUser(first: Int, offset: Int): [User]
  }
  type Mutation {
    addTodo(input: [AddTodoInput!]!): AddTodoPayload
  }
  type User {
    username: String!
    name: String!
    team: String!
    todos(first: Int, offset: Int): [Todo]
  }
  type Todo {
    id: ID!
    title: String!
    done: Boolean!
    owner: User
  }
  input AddTodoInput {
    title: String!
    done: Boolean!
    owner: UserRef!
  }
  input UserRef {
    username: String!
  }
  type AddTodoPayload {
    todo: [Todo]
    numUids: Int
  }
`;

/** Who is asking: everything open (no auth), or the claims of the token. */
interface Access {
  readonly open: boolean;
  readonly role?: unknown;
  readonly user?: unknown;
  readonly team?: unknown;
}
interface Context {
  readonly access: Access;
  readonly todosOf: Batch;
  readonly jwt?: JWTExtendContextFields;
}

interface UserDb { id: string; username: string; name: string; team: string }
interface TodoDb { id: string; title: string; done: boolean; owner_id: string }

const isAdmin = (a: Access) => a.open || a.role === 'ADMIN';
const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** `LIMIT NULL` is no limit in PostgreSQL, as a missing `first` is in Dgraph's API. */
const page = (args: { first?: number | null; offset?: number | null }): [number | null, number] => [args.first ?? null, args.offset ?? 0];

const todoOut = (t: TodoDb) => ({ id: hexUid(Number(t.id)), title: t.title, done: t.done, ownerId: t.owner_id });

/**
 * User.todos for every user of a level in one statement (what DataLoader
 * does): calls made while graphql-js walks a list are collected and run
 * together once the walk yields.
 */
class Batch {
  #pending: { owner: string; first: number | null; offset: number; resolve: (rows: TodoDb[]) => void; reject: (e: unknown) => void }[] = [];
  constructor(private readonly access: Access) {}

  load(owner: string, first: number | null, offset: number): Promise<TodoDb[]> {
    return new Promise((resolve, reject) => {
      if (this.#pending.length === 0) queueMicrotask(() => void this.#flush());
      this.#pending.push({ owner, first, offset, resolve, reject });
    });
  }

  async #flush(): Promise<void> {
    const calls = this.#pending;
    this.#pending = [];
    // One statement per distinct page; a level asks with one page.
    const byPage = new Map<string, typeof calls>();
    for (const c of calls) byPage.set(`${c.first}/${c.offset}`, [...(byPage.get(`${c.first}/${c.offset}`) ?? []), c]);
    for (const group of byPage.values()) {
      const { first, offset } = group[0];
      try {
        const owners = group.map((c) => c.owner);
        // The Todo rule in SQL: an admin sees every todo, anyone else only their own.
        const rule = isAdmin(this.access) ? 'true' : 'u.username = $4';
        const { rows } = await db.query<TodoDb>(
          `SELECT id, title, done, owner_id FROM (
             SELECT t.*, row_number() OVER (PARTITION BY t.owner_id ORDER BY t.id) AS n
             FROM todo t JOIN users u ON u.id = t.owner_id
             WHERE t.owner_id = ANY($1::bigint[]) AND ${rule}) s
           WHERE n > $3 AND ($2::int IS NULL OR n <= $3 + $2::int) ORDER BY owner_id, id`,
          isAdmin(this.access) ? [owners, first, offset] : [owners, first, offset, text(this.access.user)],
        );
        const grouped = new Map<string, TodoDb[]>();
        for (const r of rows) grouped.set(String(r.owner_id), [...(grouped.get(String(r.owner_id)) ?? []), r]);
        for (const c of group) c.resolve(grouped.get(c.owner) ?? []);
      } catch (error) {
        for (const c of group) c.reject(error);
      }
    }
  }
}

const resolvers = {
  Query: {
    async queryTodo(_: unknown, args: { first?: number; offset?: number }, { access }: Context) {
      const [first, offset] = page(args);
      const { rows } = isAdmin(access)
        ? await db.query<TodoDb>('SELECT * FROM todo ORDER BY id LIMIT $1 OFFSET $2', [first, offset])
        : await db.query<TodoDb>(
            `SELECT t.* FROM todo t JOIN users u ON u.id = t.owner_id WHERE u.username = $3 ORDER BY t.id LIMIT $1 OFFSET $2`,
            [first, offset, text(access.user)],
          );
      return rows.map(todoOut);
    },
    async queryUser(_: unknown, args: { first?: number; offset?: number }, { access }: Context) {
      const [first, offset] = page(args);
      const { rows } = isAdmin(access)
        ? await db.query<UserDb>('SELECT * FROM users ORDER BY id LIMIT $1 OFFSET $2', [first, offset])
        : await db.query<UserDb>('SELECT * FROM users WHERE team = $3 ORDER BY id LIMIT $1 OFFSET $2', [first, offset, text(access.team)]);
      return rows;
    },
  },
  Mutation: {
    async addTodo(_: unknown, args: { input: { title: string; done: boolean; owner: { username: string } }[] }) {
      const input = args.input.map((i) => ({ title: i.title, done: i.done, owner: i.owner.username }));
      // One transaction: an input naming an unknown owner leaves nothing written.
      const rows = await db.transaction(async (tx) => {
        const { rows } = await tx.query<TodoDb>(
          `INSERT INTO todo (id, title, done, owner_id)
           SELECT nextval('todo_id'), x.v->>'title', (x.v->>'done')::boolean, u.id
           FROM json_array_elements($1::json) WITH ORDINALITY AS x(v, i)
           JOIN users u ON u.username = x.v->>'owner' ORDER BY x.i
           RETURNING *`,
          [JSON.stringify(input)],
        );
        if (rows.length !== input.length) throw new GraphQLError('an owner does not exist');
        return rows;
      });
      // The add rule made every new todo the caller's own, so the query rule shows them all.
      return { numUids: rows.length, todo: rows.map(todoOut) };
    },
  },
  User: {
    async todos(user: UserDb, args: { first?: number; offset?: number }, { todosOf }: Context) {
      const [first, offset] = page(args);
      return (await todosOf.load(String(user.id), first, offset)).map(todoOut);
    },
  },
  Todo: {
    async owner(todo: { ownerId: string }, _: unknown, { access }: Context) {
      // The User rule in SQL: an admin sees every user, anyone else their team.
      const { rows } = isAdmin(access)
        ? await db.query<UserDb>('SELECT * FROM users WHERE id = $1', [todo.ownerId])
        : await db.query<UserDb>('SELECT * FROM users WHERE id = $1 AND team = $2', [todo.ownerId, text(access.team)]);
      return rows[0] ?? null;
    },
  },
};

// Field-level rules, decided from the claims before a resolver runs.
const claimsRule = (check: (a: Access) => boolean) => rule({ cache: 'contextual' })((_p, _a, ctx: Context) => check(ctx.access));
const admin = claimsRule((a) => a.role === 'ADMIN');
const hasUser = claimsRule((a) => typeof a.user === 'string');
const hasTeam = claimsRule((a) => typeof a.team === 'string');
const addsOwnTodos = rule({ cache: 'no_cache' })((_p, args: { input: { owner: { username: string } }[] }, ctx: Context) =>
  args.input.every((i) => i.owner.username === ctx.access.user),
);
const permissions = shield(
  {
    Query: { queryTodo: or(admin, hasUser), queryUser: or(admin, hasTeam) },
    Mutation: { addTodo: and(hasUser, addsOwnTodos) },
  },
  {
    fallbackRule: allow,
    // Resolver errors stay what they are; a refusal is a GraphQL error, not an internal one.
    allowExternalErrors: true,
    fallbackError: () => new GraphQLError('Not Authorised!', { extensions: { code: 'FORBIDDEN' } }),
  },
);

const baseSchema = createSchema<Context>({ typeDefs, resolvers });
const guarded = applyMiddleware(baseSchema, permissions) as GraphQLSchema;

function accessFrom(jwt: JWTExtendContextFields | undefined): Access {
  const claims = jwt?.payload?.[NAMESPACE] as Record<string, unknown> | undefined;
  return { open: false, role: claims?.ROLE, user: claims?.USER, team: claims?.TEAM };
}

function endpoint(name: string, auth: 'none' | 'hs256' | 'jwks') {
  const plugins =
    auth === 'none'
      ? []
      : [
          useJWT({
            signingKeyProviders: [
              auth === 'hs256' ? createInlineSigningKeyProvider(HS256_SECRET) : createRemoteJwksSigningKeyProvider({ jwksUri: jwksUrl }),
            ],
            tokenLookupLocations: [extractFromHeader({ name: HEADER.toLowerCase(), prefix: 'Bearer' })],
            tokenVerification: { algorithms: [auth === 'hs256' ? 'HS256' : 'RS256'], audience: AUDIENCE },
            reject: { missingToken: false, invalidToken: true },
            extendContext: true,
          }),
        ];
  return createYoga<Record<string, unknown>, Context>({
    schema: auth === 'none' ? baseSchema : guarded,
    graphqlEndpoint: `/${name}/graphql`,
    graphiql: false,
    landingPage: false,
    plugins,
    context: (initial) => {
      const access = auth === 'none' ? { open: true } : accessFrom(initial.jwt as JWTExtendContextFields | undefined);
      return { access, todosOf: new Batch(access) };
    },
  });
}

const yogas = { noauth: endpoint('noauth', 'none'), hs256: endpoint('hs256', 'hs256'), jwks: endpoint('jwks', 'jwks') };
const server = createServer((req, res) => {
  const name = req.url?.split('/')[1] as keyof typeof yogas;
  const yoga = yogas[name];
  if (yoga) return void yoga(req, res);
  res.statusCode = 404;
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ ready: true, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('SIGTERM', () => server.close(() => void db.close().finally(() => process.exit(0))));
