/**
 * Starts the real server (createApp + startServer) on 127.0.0.1 with a port
 * of its own, around the test double, with logs captured for inspection.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { startServer } from '../../../src/server/index.js';
import type { ServerOptions } from '../../../src/server/index.js';
import { jsonLogger } from '../../../src/server/logger.js';
import { TEST_SDL, TestAuthlineService } from './test-service.js';

export interface TestServer {
  readonly url: string;
  readonly service: TestAuthlineService;
  /** Every log line written so far, parsed. */
  readonly logs: Record<string, unknown>[];
  /** The raw text of every log line written so far. */
  readonly logText: () => string;
  close(): Promise<void>;
}

export async function startTestServer(
  options: ServerOptions & { readonly sdl?: string | null; readonly service?: TestAuthlineService } = {},
): Promise<TestServer> {
  const { sdl, service = new TestAuthlineService(), ...serverOptions } = options;
  if (sdl !== null) await service.uploadSchema(sdl ?? TEST_SDL);
  const lines: string[] = [];
  const server = await startServer(service, {
    host: '127.0.0.1',
    port: 0,
    logger: jsonLogger((line) => lines.push(line)),
    ...serverOptions,
  });
  return {
    url: server.url,
    service,
    get logs() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    logText: () => lines.join(''),
    close: () => server.close(),
  };
}

/** POSTs a GraphQL request as JSON and returns status, headers and the parsed body. */
export async function postGraphQL(
  url: string,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** A request through node:http, which (unlike fetch) lets a test set Host and stream odd bodies. */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer },
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${options.path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
