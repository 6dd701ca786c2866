/**
 * Starts what a run needs: the JWKS on 127.0.0.1, authline (loaded through
 * /admin/import, as an operator would) and the yoga peer (which loads the
 * same rows into its own PGlite) as child processes, in parallel.
 */
import { startChild, type Child } from './children.js';
import { dgraphJson, generate, type DataSize } from './data.js';
import type { Targets } from './honesty.js';
import { authlineSdl, type Variant } from './schema.js';
import { serveJwks } from './tokens.js';

export interface Bench extends Targets {
  readonly jwksUrl: string;
  /** Milliseconds authline's POST /admin/import took. */
  readonly importMs: number;
  /** Milliseconds from spawning the peer to its answering (its load included). */
  readonly yogaReadyMs: number;
  close(): Promise<void>;
}

export async function startBench(size: DataSize): Promise<Bench> {
  const jwks = await serveJwks();
  const children: Child[] = [];
  const close = async () => {
    await Promise.all(children.map((c) => c.stop()));
    await jwks.close();
  };
  try {
    const yogaStarted = performance.now();
    const yogaReady = startChild('yoga', 'yoga', [String(size.users), String(size.todos), String(size.teams), jwks.url]).then((c) => {
      children.push(c);
      return { child: c, ms: performance.now() - yogaStarted };
    });
    const authline = await startChild('authline', 'authline');
    children.push(authline);
    let current: Variant | undefined;
    const use = async (variant: Variant) => {
      if (variant === current) return;
      await admin(authline.url, '/admin/schema', authlineSdl(variant, jwks.url));
      current = variant;
    };
    await use('noauth');
    const body = JSON.stringify(dgraphJson(generate(size)));
    const importStarted = performance.now();
    await admin(authline.url, '/admin/import', body);
    const importMs = performance.now() - importStarted;
    const yoga = await yogaReady;
    return {
      jwksUrl: jwks.url,
      importMs,
      yogaReadyMs: yoga.ms,
      use,
      url: (server, variant) => (server === 'authline' ? `${authline.url}/graphql` : `${yoga.child.url}/${variant}/graphql`),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function admin(url: string, path: string, body: string): Promise<void> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${(await res.text()).slice(0, 2000)}`);
}
