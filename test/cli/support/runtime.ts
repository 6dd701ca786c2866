/**
 * A CLI Runtime for in-process tests: the real server, the TEST DOUBLE of
 * the service (test/server/support/test-service.ts) in place of the engine,
 * captured output, a chosen environment, and a shutdown the test triggers.
 */
import { PassThrough } from 'node:stream';
import type { Runtime, OpenServiceOptions } from '../../../src/cli/runtime.js';
import { schemaWarnings } from '../../../src/engine/index.js';
import { startServer } from '../../../src/server/index.js';
import { checkTestSchema, TestAuthlineService } from '../../server/support/test-service.js';

export interface TestRuntime extends Runtime {
  readonly out: () => string;
  readonly err: () => string;
  /** Every OpenServiceOptions the command asked for, in order. */
  readonly serviceOptions: OpenServiceOptions[];
  /** The services handed out, in order. */
  readonly services: TestAuthlineService[];
  /** Sends the "signal" serve is waiting for. */
  shutdown(): void;
  /** Resolves once serve has logged that it listens; with its URL. */
  listening(): Promise<string>;
}

export function testRuntime(options: { env?: Record<string, string>; cwd?: string; stdin?: string; service?: TestAuthlineService } = {}): TestRuntime {
  let out = '';
  let err = '';
  let shutdown!: (signal: NodeJS.Signals) => void;
  const signal = new Promise<NodeJS.Signals>((resolve) => (shutdown = resolve));
  const serviceOptions: OpenServiceOptions[] = [];
  const services: TestAuthlineService[] = [];
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  let onListening: ((url: string) => void) | undefined;
  const listening = new Promise<string>((resolve) => (onListening = resolve));
  return {
    async createService(o) {
      serviceOptions.push(o);
      const service = options.service ?? new TestAuthlineService();
      services.push(service);
      return service;
    },
    checkSchema: checkTestSchema,
    // The real engine's: offline and pure.
    schemaWarnings,
    startServer,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stdout: (text) => {
      out += text;
      for (const line of text.split('\n')) {
        if (line.includes('"msg":"listening"')) onListening?.((JSON.parse(line) as { url: string }).url);
      }
    },
    stderr: (text) => {
      err += text;
    },
    stdin,
    shutdownSignal: () => signal,
    captureWarnings: () => () => {},
    out: () => out,
    err: () => err,
    serviceOptions,
    services,
    shutdown: () => shutdown('SIGTERM'),
    listening: () => listening,
  };
}
