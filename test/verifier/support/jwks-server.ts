/**
 * A JWKS provider on 127.0.0.1 whose answers a test scripts: status,
 * headers, body, delays (before the headers or in the middle of the body),
 * dropped connections. It counts the requests it receives, and tells the
 * script which path was asked for (an OIDC provider serves two documents).
 */
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Objects are sent as JSON. */
  readonly body?: string | object;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Send the headers and half the body, then wait this long before the rest. */
  readonly stallBodyMs?: number;
  /** Drop the connection without an answer. */
  readonly drop?: boolean;
}

export class JwksServer {
  hits = 0;
  reply: (hit: number, path: string) => Reply;
  /** The path of every request, in order. */
  readonly paths: string[] = [];
  private server: Server | null = null;
  private readonly pending = new Set<ServerResponse>();
  port = 0;

  private constructor(reply: (hit: number, path: string) => Reply) {
    this.reply = reply;
  }

  static async start(reply: Reply | ((hit: number, path: string) => Reply), port = 0): Promise<JwksServer> {
    const server = new JwksServer(typeof reply === 'function' ? reply : () => reply);
    await server.listen(port);
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/.well-known/jwks.json`;
  }

  /** Serves a key set from now on. */
  serve(keys: readonly object[], headers: Record<string, string> = {}): void {
    this.reply = () => ({ body: { keys }, headers });
  }

  async listen(port = this.port): Promise<void> {
    const server = createServer((req, res) => void this.answer(req.url ?? '/', res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Stops listening: connections are refused until listen() again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const res of this.pending) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** This server's origin, e.g. `http://127.0.0.1:4321`. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async answer(path: string, res: ServerResponse): Promise<void> {
    this.paths.push(path);
    const reply = this.reply(++this.hits, path);
    this.pending.add(res);
    res.on('close', () => this.pending.delete(res));
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.drop) {
      res.socket?.destroy();
      return;
    }
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    if (reply.stallBodyMs) {
      res.write(body.slice(0, body.length / 2));
      await sleep(reply.stallBodyMs);
      if (res.destroyed) return;
      res.end(body.slice(body.length / 2));
    } else {
      res.end(body);
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds (real time), failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
