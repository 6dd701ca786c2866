/**
 * `authline serve [SCHEMA_FILE]`: opens the store, uploads the schema file
 * if one is given (exactly as a POST to /admin/schema would; a rejected one
 * stops the start), serves until SIGINT or SIGTERM, then closes gracefully.
 * Once its arguments are understood, everything it reports is a JSON log
 * line on stdout (a mistaken call still gets a human message and exit 2).
 */
import { parseArgs } from 'node:util';
import { mkdir } from 'node:fs/promises';
import { SchemaRejectedError } from '../../sdl/errors.js';
import type { ServerOptions } from '../../server/index.js';
import {
  AuthlineMetrics, DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_HOST, DEFAULT_KEEP_ALIVE_TIMEOUT_MS, DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION, DEFAULT_MAX_WEBSOCKET_CONNECTIONS, DEFAULT_PORT,
  DEFAULT_REQUEST_TIMEOUT_MS, INTROSPECTION_POLICIES, jsonLogger, tickBatched, type IntrospectionPolicy,
} from '../../server/index.js';
import { isLoopbackHost } from '../../server/middleware/admin-auth.js';
import { onePositional, parseInteger, parseSize, readInput, UsageError } from '../args.js';
import { CONNECTION_OPTIONS, connectionOptions, statementTimeout } from '../connection-flags.js';
import { CUSTOM_OPTIONS, customOptions } from '../custom-flags.js';
import type { CustomOptions } from '../../engine/index.js';
import type { Command } from '../command.js';
import type { Runtime, StoreLocation } from '../runtime.js';
import { LIMIT_OPTIONS, LIMIT_USAGE, requestLimits } from '../request-limits.js';
import { formatSchemaErrors } from '../schema-errors.js';
import { DEFAULT_DATA_DIR, describeLocation, STORE_OPTIONS, storeLocation } from '../store-location.js';

const usage = `Usage: authline serve [SCHEMA_FILE] [options]

Serves GraphQL at /graphql (GraphiQL in a browser; subscriptions over
WebSocket, graphql-transport-ws or graphql-ws), the admin endpoints
/admin/schema and /admin/import, and /health. SCHEMA_FILE, if given, is
uploaded at start as if POSTed to /admin/schema; an invalid one stops the start.

Options (environment variable in brackets; flags win):
  -p, --port N           port to listen on [PORT] (default ${DEFAULT_PORT}; 0 picks a free one)
  -H, --host HOST        interface to listen on [HOST] (default ${DEFAULT_HOST}; 0.0.0.0 for all)
      --data DIR         keep data in embedded PGlite in DIR [AUTHLINE_DATA_DIR]
                         (default ./${DEFAULT_DATA_DIR})
      --memory           keep data in memory; it is lost on exit
      --pglite-fsync V   on (default): flush every commit in DIR to disk; off: faster
                         writes, but a power loss may lose the last ones [AUTHLINE_PGLITE_FSYNC]
      --database-url URL use a PostgreSQL server [DATABASE_URL]
      --admin-token T    require T in X-Authline-Admin-Token on /admin/* [AUTHLINE_ADMIN_TOKEN]
                         (without one, /admin/* answers only this machine)
      --cors-origin O    allow browser origin O; repeatable; * for any [AUTHLINE_CORS_ORIGINS, comma-separated]
      --debug            show errors Dgraph hides ("authorization failed", "GraphQL debug:") [AUTHLINE_DEBUG=1]
      --introspection P  who may ask for __schema/__type: open (default, as Dgraph), authenticated
                         (a valid token), or off [AUTHLINE_INTROSPECTION]
      --body-limit SIZE  largest /graphql and /admin/schema body (default 5mb)
      --import-limit SIZE largest /admin/import body (default 100mb)
      --max-depth N      deepest field nesting a query may have (default 25)
      --max-subscriptions N  subscriptions one WebSocket connection may run at once
                         [AUTHLINE_MAX_SUBSCRIPTIONS] (default ${DEFAULT_MAX_SUBSCRIPTIONS_PER_CONNECTION})
      --max-ws-connections N WebSocket connections this process holds at most
                         [AUTHLINE_MAX_WS_CONNECTIONS] (default ${DEFAULT_MAX_WEBSOCKET_CONNECTIONS})
      --statement-timeout D  longest a database statement may run, e.g. 10s, 500ms; 0 for none
                         (default 10s) [AUTHLINE_STATEMENT_TIMEOUT]
      --max-connections N    open HTTP connections at most; more are answered 503
                         (default ${DEFAULT_MAX_CONNECTIONS}) [AUTHLINE_MAX_CONNECTIONS]
      --headers-timeout D    longest a client may take to send a request's headers
                         (default ${DEFAULT_HEADERS_TIMEOUT_MS / 1000}s) [AUTHLINE_HEADERS_TIMEOUT]
      --request-timeout D    longest a client may take to send a whole request
                         (default ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}s) [AUTHLINE_REQUEST_TIMEOUT]
      --keep-alive-timeout D longest an idle keep-alive connection stays open
                         (default ${DEFAULT_KEEP_ALIVE_TIMEOUT_MS / 1000}s) [AUTHLINE_KEEP_ALIVE_TIMEOUT]
      --lambda-url URL   the lambda server @lambda fields and @lambdaOnMutate webhooks call, as
                         Dgraph's --graphql lambda-url [AUTHLINE_LAMBDA_URL]
      --custom-timeout D longest a @custom/@lambda call may take, e.g. 10s, 500ms [AUTHLINE_CUSTOM_TIMEOUT]
                         (default 10s)
Request limits (docs/http.md#limits):
${LIMIT_USAGE}
  -h, --help             show this help

Logs go to stdout, one JSON object per line, warnings and errors included.
GET /metrics serves Prometheus metrics (guarded like /admin/*).
See docs/cli.md and docs/http.md.
`;

const OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string', short: 'H' },
  ...STORE_OPTIONS,
  'admin-token': { type: 'string' },
  'cors-origin': { type: 'string', multiple: true },
  debug: { type: 'boolean' },
  introspection: { type: 'string' },
  'body-limit': { type: 'string' },
  'import-limit': { type: 'string' },
  'max-depth': { type: 'string' },
  ...LIMIT_OPTIONS,
  ...CONNECTION_OPTIONS,
  ...CUSTOM_OPTIONS,
  'max-subscriptions': { type: 'string' },
  'max-ws-connections': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const serve: Command = {
  name: 'serve',
  usage,
  async run(argv, rt) {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
    if (values.help) {
      rt.stdout(usage);
      return 0;
    }
    const schemaFile = onePositional(positionals, 'SCHEMA_FILE', false);
    const env = rt.env;
    // Log lines a turn of the event loop at a time; the last are written before serve returns.
    const output = tickBatched(rt.stdout);
    const portText = values.port ?? (env.PORT || undefined);
    const options = {
      port: portText === undefined ? DEFAULT_PORT : parseInteger(values.port ? '--port' : 'PORT', portText, 0, 65535),
      host: values.host ?? (env.HOST || DEFAULT_HOST),
      adminToken: adminToken(values['admin-token'], env.AUTHLINE_ADMIN_TOKEN),
      corsOrigins: corsOrigins(values['cors-origin'], env.AUTHLINE_CORS_ORIGINS),
      debug: values.debug ?? isTrue(env.AUTHLINE_DEBUG),
      introspection: introspection(values.introspection ?? (env.AUTHLINE_INTROSPECTION || undefined)),
      bodyLimit: values['body-limit'] === undefined ? undefined : parseSize('--body-limit', values['body-limit']),
      importLimit: values['import-limit'] === undefined ? undefined : parseSize('--import-limit', values['import-limit']),
      maxDepth: values['max-depth'] === undefined ? undefined : parseInteger('--max-depth', values['max-depth'], 1, 1000),
      ...requestLimits(values, env),
      ...connectionOptions(values, env),
      maxSubscriptionsPerConnection: flagOrEnv(values['max-subscriptions'], '--max-subscriptions', env.AUTHLINE_MAX_SUBSCRIPTIONS, 'AUTHLINE_MAX_SUBSCRIPTIONS'),
      maxWebSocketConnections: flagOrEnv(values['max-ws-connections'], '--max-ws-connections', env.AUTHLINE_MAX_WS_CONNECTIONS, 'AUTHLINE_MAX_WS_CONNECTIONS'),
      custom: customOptions(values, env),
      logger: jsonLogger(output),
      metrics: new AuthlineMetrics(),
    };
    const location = storeLocation(values, rt);
    const statementTimeoutMs = statementTimeout(values, env);
    const stopCapturing = rt.captureWarnings((warning) => options.logger.warn(warning.message, { warning: warning.name }));
    try {
      return await serveUntilSignal(rt, schemaFile, { location, statementTimeoutMs }, options);
    } catch (err) {
      options.logger.error('serve stopped', { error: err instanceof Error ? err.message : String(err) });
      return 1;
    } finally {
      stopCapturing();
      output.flush();
    }
  },
};

/** What serve hands the server, with the parts it also uses itself filled in (and the service's remote calls). */
type ServeOptions = ServerOptions & Required<Pick<ServerOptions, 'host' | 'debug' | 'logger' | 'metrics'>> & { readonly custom: CustomOptions };

async function serveUntilSignal(
  rt: Runtime,
  schemaFile: string | undefined,
  { location, statementTimeoutMs }: { location: StoreLocation; statementTimeoutMs: number | undefined },
  options: ServeOptions,
): Promise<number> {
  const sdl = schemaFile === undefined ? undefined : await readInput(rt, schemaFile);
  if (location.kind === 'directory') await mkdir(location.path, { recursive: true });
  const service = await rt.createService({ store: location, statementTimeoutMs, observer: options.metrics, logger: options.logger, custom: options.custom });
  try {
    // The same file again (a restart, or every process of a deployment
    // starting with it) is already served: uploading it would only bump the
    // version and make every process sharing the store swap for nothing.
    if (schemaFile !== undefined && sdl !== undefined && service.current()?.sdl !== sdl) {
      try {
        const loaded = await service.uploadSchema(sdl);
        // What POST /admin/schema would answer in extensions.warnings.
        for (const { code, message, locations } of loaded.warnings ?? []) {
          options.logger.warn('schema warning', { file: schemaFile, code, message, locations });
        }
      } catch (err) {
        if (!(err instanceof SchemaRejectedError)) throw err;
        options.logger.error('schema rejected; nothing was changed', {
          file: schemaFile,
          errors: formatSchemaErrors(schemaFile, err.errors).trimEnd().split('\n'),
        });
        return 1;
      }
    }
    const server = await rt.startServer(service, options);
    const schema = service.current();
    options.logger.info('listening', {
      url: server.url,
      graphql: `${server.url}/graphql`,
      store: describeLocation(location),
      schemaVersion: schema?.version ?? null,
      adminToken: options.adminToken !== undefined,
      debug: options.debug,
      ...(schema ? {} : { hint: `no schema yet: curl --data-binary @schema.graphql ${server.url}/admin/schema` }),
    });
    if (!options.adminToken && !isLoopbackHost(options.host)) {
      options.logger.warn('admin endpoints answer only this machine', {
        hint: 'set --admin-token (or AUTHLINE_ADMIN_TOKEN) to administer from elsewhere',
      });
    }
    const cause = await rt.shutdownSignal();
    options.logger.info('shutting down', cause === 'parent-exited' ? { reason: 'npm, which started authline, has exited' } : { signal: cause });
    await server.close();
    return 0;
  } finally {
    await service.close();
  }
}

function adminToken(flag: string | undefined, env: string | undefined): string | undefined {
  if (flag !== undefined && flag.length === 0) throw new UsageError('--admin-token must not be empty');
  return flag ?? (env || undefined);
}

function corsOrigins(flags: readonly string[] | undefined, env: string | undefined): string[] {
  const origins = flags ?? (env ? env.split(',') : []);
  return origins.map((o) => {
    const origin = o.trim();
    if (origin === '*') return origin;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new UsageError(`CORS origin "${origin}" is not an origin such as https://app.example.com`);
    }
    if (parsed.origin !== origin) {
      throw new UsageError(`CORS origin "${origin}" must be just scheme, host and port, e.g. ${parsed.origin}`);
    }
    return origin;
  });
}

function introspection(value: string | undefined): IntrospectionPolicy | undefined {
  if (value === undefined) return undefined;
  const policy = INTROSPECTION_POLICIES.find((p) => p === value);
  if (!policy) throw new UsageError(`--introspection must be one of ${INTROSPECTION_POLICIES.join(', ')}, got "${value}"`);
  return policy;
}

/** A positive count from its flag, else its environment variable (an empty one is unset); undefined: the default. */
function flagOrEnv(flag: string | undefined, flagName: string, env: string | undefined, envName: string): number | undefined {
  if (flag !== undefined) return parseInteger(flagName, flag, 1, 1_000_000);
  return env ? parseInteger(envName, env, 1, 1_000_000) : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value);
}
