/**
 * Starts what a run needs: the JWKS on 127.0.0.1, authline (loaded through
 * /admin/import, as an operator would) and the yoga peer (which loads the
 * same rows itself) as child processes, in parallel; on embedded PGlite, or
 * each in its own database of a PostgreSQL server (bench/lib/postgres.ts).
 */
import { startChild, type Child } from './children.js';
import { dgraphJson, generate, type DataSize } from './data.js';
import type { Targets } from './honesty.js';
import { authlineSdl, type Variant } from './schema.js';
import { serveJwks } from './tokens.js';

export type Backend = 'pglite' | 'postgres';

export interface BenchOptions {
  /** Both servers on PostgreSQL, each in its own database; omitted: each on its own PGlite. */
  readonly databases?: { readonly authline: string; readonly peer: string };
}

export interface Bench extends Targets {
  readonly backend: Backend;
  readonly jwksUrl: string;
  /** authline's process, whose memory the bench reports. */
  readonly authlinePid: number;
  /** Milliseconds authline's POST /admin/import took. */
  readonly importMs: number;
  /** Milliseconds from spawning the peer to its answering (its load included). */
  readonly yogaReadyMs: number;
  close(): Promise<void>;
}

export async function startBench(size: DataSize, options: BenchOptions = {}): Promise<Bench> {
  const { databases } = options;
  const jwks = await serveJwks();
  const children: Child[] = [];
  const close = async () => {
    await Promise.all(children.map((c) => c.stop()));
    await jwks.close();
  };
  try {
    const yogaStarted = performance.now();
    const yogaArgs = [String(size.users), String(size.todos), String(size.teams), jwks.url, ...(databases ? [databases.peer] : [])];
    // The peer loads its data before it answers, on a busy machine for minutes.
    const starting = startChild('yoga', 'yoga', { args: yogaArgs, timeoutMs: 600_000 }).then((child) => {
      children.push(child);
      return { child, ms: performance.now() - yogaStarted };
    });
    const loading = startAuthline(databases?.authline).then(async (server) => {
      children.push(server.child);
      return { server, importMs: await server.load(size) };
    });
    // Both awaited together, so a failure of either is handled as soon as it happens.
    const [yoga, { server: authline, importMs }] = await Promise.all([starting, loading]);
    return {
      backend: databases ? 'postgres' : 'pglite',
      jwksUrl: jwks.url,
      authlinePid: authline.child.pid,
      importMs,
      yogaReadyMs: yoga.ms,
      use: (variant) => authline.use(variant, jwks.url),
      url: (server, variant) => (server === 'authline' ? authline.graphqlUrl : `${yoga.child.url}/${variant}/graphql`),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface AuthlineServer {
  readonly child: Child;
  readonly graphqlUrl: string;
  /** Uploads the phase's schema unless it is the one served. */
  use(variant: Variant, jwksUrl: string): Promise<void>;
  /** Uploads the no-auth schema and imports the data set; returns the milliseconds the import took. */
  load(size: DataSize): Promise<number>;
}

/** authline alone: on PostgreSQL when given its URL, else on PGlite in memory (whatever DATABASE_URL the bench was started with). */
export async function startAuthline(databaseUrl?: string): Promise<AuthlineServer> {
  const child = await startChild('authline', 'authline', { env: { DATABASE_URL: databaseUrl ?? '' } });
  let current: Variant | undefined;
  const use = async (variant: Variant, jwksUrl: string) => {
    if (variant === current) return;
    await admin(child.url, '/admin/schema', authlineSdl(variant, jwksUrl));
    current = variant;
  };
  return {
    child,
    graphqlUrl: `${child.url}/graphql`,
    use,
    async load(size) {
      // The no-auth schema needs no JWKS.
      await use('noauth', '');
      const body = JSON.stringify(dgraphJson(generate(size)));
      const started = performance.now();
      await admin(child.url, '/admin/import', body);
      return performance.now() - started;
    },
  };
}

async function admin(url: string, path: string, body: string): Promise<void> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 2000)}`);
}
