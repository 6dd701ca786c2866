/**
 * TEST DOUBLE of AuthlineService, for the server's tests before (and
 * besides) the real engine. It is not Dgraph and not authline: it serves any
 * SDL graphql-js can build, with a handful of real resolvers matched by field
 * name, and mimics only what the server must pass through faithfully:
 *   - the `# Dgraph.Authorization` Header and `# Dgraph.Allow-Origin` lines;
 *   - Dgraph's whole-request error for a malformed Bearer value;
 *   - Dgraph's debug filter (the engine's isHiddenUnlessDebug, applied
 *     unless RequestInfo.debug);
 *   - every graphql-js error of a rejected SDL, with locations;
 *   - atomic swaps: each LoadedSchema is immutable, and execute() refuses a
 *     context prepared by another schema, so a server mixing schemas fails.
 * The token is NOT verified: `whoami` just echoes it. `watch` answers once
 * and ends (no writes to follow); `retired` aborts when an upload replaces
 * the schema.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { buildASTSchema, execute, GraphQLError, parse, printSchema, specifiedRules, validateSchema } from 'graphql';
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import type { AuthConfig } from '../../../src/authline/types.js';
import { isHiddenUnlessDebug } from '../../../src/engine/dgraph-errors.js';
import type { AuthlineService, Health, LoadedSchema, OperationArgs, RequestInfo } from '../../../src/engine/types.js';
import { SchemaError, SchemaRejectedError } from '../../../src/sdl/errors.js';
import { ImportError } from '../../../src/store/errors.js';
import type { ImportResult, RecordSource } from '../../../src/store/types.js';

/** A schema every test can start from; `node` nests without end, for depth tests. */
export const TEST_SDL = `
type Query {
  version: Int!
  echo(text: String!): String!
  slow(ms: Int!): Int!
  whoami: String
  secret: String
  node(id: ID!): Node
}
type Node {
  id: ID!
  child: Node
}
type Mutation {
  bump: Int!
}
`;

export const AUTH_HEADER = 'X-Test-Auth';

export function authLine(header = AUTH_HEADER): string {
  return `# Dgraph.Authorization {"VerificationKey":"unused-by-the-double","Header":"${header}","Namespace":"https://test/claims","Algo":"HS256"}`;
}

interface PreparedContext {
  readonly version: number;
  readonly token: string | undefined;
  readonly debug: boolean;
}

export class TestAuthlineService implements AuthlineService {
  /** Flip to false to make /health report an unreachable store. */
  storeReachable = true;
  /** How long an accepted upload "takes to store" before it is swapped in. */
  uploadDelayMs = 0;
  /** Every import accepted, in order. */
  readonly imports: unknown[] = [];
  closed = false;

  #current: LoadedSchema | null = null;
  #retire: AbortController | null = null;
  #versions = 0;
  #bumps = 0;
  #uids = 0;

  current(): LoadedSchema | null {
    return this.#current;
  }

  async uploadSchema(sdl: string): Promise<LoadedSchema> {
    const schema = buildOrReject(sdl);
    await delay(this.uploadDelayMs);
    this.#retire?.abort(new Error('the schema was replaced'));
    this.#retire = new AbortController();
    this.#current = this.#load(sdl, schema, ++this.#versions, this.#retire.signal);
    return this.#current;
  }

  async importData(data: unknown): Promise<ImportResult> {
    const nodes = Array.isArray(data) ? data : (data as { set?: unknown } | null)?.set;
    if (!Array.isArray(nodes)) throw new ImportError('test double: import data must be an array or {"set": [...]}');
    const uids: Record<string, string> = {};
    for (const node of nodes) {
      const uid = (node as { uid?: unknown }).uid;
      if (typeof uid === 'string' && uid.startsWith('_:')) uids[uid.slice(2)] = `0x${(++this.#uids).toString(16)}`;
    }
    this.imports.push(data);
    return { uids, triples: nodes.length, created: Object.keys(uids).length, warnings: [] };
  }

  /** Reads the records (the real readers: their errors are the real ones) and imports them as one array. */
  async importRecords(records: RecordSource): Promise<ImportResult> {
    const nodes: unknown[] = [];
    for await (const record of records) nodes.push(record);
    return this.importData(nodes);
  }

  async health(): Promise<Health> {
    return {
      schema: this.#current ? { loaded: true, version: this.#current.version } : { loaded: false },
      store: { reachable: this.storeReachable, description: 'test-double://user:hunter2@memory/db' },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  #load(sdl: string, schema: GraphQLSchema, version: number, retired: AbortSignal): LoadedSchema {
    const auth = authConfigOf(sdl);
    const rootValue = this.#resolvers(version);
    const loaded: LoadedSchema = Object.freeze({
      retired,
      async *watch(args: OperationArgs) {
        yield await loaded.execute(args);
      },
      subscriptionErrors: () => [],
      version,
      sdl,
      apiSdl: printSchema(schema),
      schema,
      validationRules: specifiedRules,
      auth,
      allowOrigins: [...sdl.matchAll(/^#\s*Dgraph\.Allow-Origin\s+"([^"]*)"/gm)].map((m) => m[1]),
      async prepare(request: RequestInfo) {
        const raw = auth ? request.headers[auth.header.toLowerCase()] : undefined;
        const value = Array.isArray(raw) ? raw[0] : (raw as string | undefined);
        let token = value || undefined;
        if (value && value.toLowerCase().startsWith('bearer ')) {
          const parts = value.split(' ');
          if (parts.length !== 2) {
            return { errors: [new GraphQLError(`invalid Bearer-formatted header value for JWT (${value})`)] };
          }
          token = parts[1];
        }
        const contextValue: PreparedContext = { version, token, debug: request.debug ?? false };
        // The double checks no signature: a token that is there counts as valid.
        return { contextValue, authenticated: token !== undefined };
      },
      async execute(args: OperationArgs): Promise<ExecutionResult> {
        const context = args.contextValue as PreparedContext;
        if (context.version !== version) {
          throw new Error(`test double: context prepared on schema v${context.version} executed on v${version}`);
        }
        const result = await execute({
          schema,
          document: args.document,
          variableValues: args.variableValues ?? undefined,
          operationName: args.operationName ?? undefined,
          contextValue: context,
          rootValue,
        });
        if (context.debug || !result.errors) return result;
        const shown = result.errors.filter((e) => !isHiddenUnlessDebug(e.message));
        return shown.length > 0 ? { ...result, errors: shown } : { data: result.data };
      },
    });
    return loaded;
  }

  #resolvers(version: number): Record<string, unknown> {
    const node = (id: string): Record<string, unknown> => ({ id, child: () => node(`${id}.c`) });
    return {
      version: () => version,
      echo: ({ text }: { text: string }) => text,
      slow: async ({ ms }: { ms: number }) => {
        await delay(ms);
        return version;
      },
      whoami: (_: unknown, context: PreparedContext) => context.token ?? null,
      secret: () => {
        throw new Error('authorization failed');
      },
      node: ({ id }: { id: string }) => node(id),
      bump: () => ++this.#bumps,
    };
  }
}

/** The double's offline check: the errors uploadSchema would reject `sdl` with. */
export function checkTestSchema(sdl: string): SchemaError[] {
  try {
    buildOrReject(sdl);
    return [];
  } catch (err) {
    if (err instanceof SchemaRejectedError) return [...err.errors];
    throw err;
  }
}

function buildOrReject(sdl: string): GraphQLSchema {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (err) {
    if (err instanceof GraphQLError) throw new SchemaRejectedError([toSchemaError(err)]);
    throw err;
  }
  const sdlErrors = validateSDL(document);
  if (sdlErrors.length > 0) throw new SchemaRejectedError(sdlErrors.map(toSchemaError));
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const errors = validateSchema(schema);
  if (errors.length > 0) throw new SchemaRejectedError(errors.map(toSchemaError));
  return schema;
}

function toSchemaError(err: GraphQLError): SchemaError {
  return new SchemaError(err.message, err.locations ?? []);
}

function authConfigOf(sdl: string): AuthConfig | null {
  const match = /^#\s*Dgraph\.Authorization\s+(\{.*\})\s*$/m.exec(sdl);
  if (!match) return null;
  const json = JSON.parse(match[1]) as { Header: string; Namespace: string; Algo?: string; VerificationKey?: string };
  const line = sdl.slice(0, match.index).split('\n').length;
  return {
    header: json.Header,
    namespace: json.Namespace,
    algo: json.Algo,
    verificationKey: json.VerificationKey,
    jwkUrls: [],
    audience: null,
    closedByDefault: false,
    issuers: [],
    leewaySeconds: 0,
    algorithms: json.Algo ? [json.Algo] : [],
    legacy: false,
    loc: { line, column: 1 },
  };
}
