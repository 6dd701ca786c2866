/**
 * Starts the PGlite worker thread (pglite-worker.ts) and waits for its
 * database to open.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Reply, WasmModule, WorkerConfig } from './pglite-protocol.js';

const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } };
let compiled: Promise<WasmModule> | undefined;

/** PGlite's WebAssembly, compiled once for every worker of this process. */
export function compiledEngine(): Promise<WasmModule> {
  compiled ??= readFile(new URL(import.meta.resolve('@electric-sql/pglite/pglite.wasm'))).then((bytes) => wasm.compile(bytes));
  return compiled;
}

/** The worker's file, beside this one: .js when built, .ts when run from the sources. */
function workerEntry(): URL {
  return new URL(`./pglite-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
}

function createWorker(config: WorkerConfig): Worker {
  const entry = workerEntry();
  // Node closes the descriptors a terminated worker opened (PGlite's files): the default, relied upon.
  const options = { workerData: config, trackUnmanagedFds: true };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  // Run from the TypeScript sources (tests, development), this process runs
  // under tsx, whose loader a worker thread does not inherit: register it there first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** A worker whose database is open; rejects (the thread stopped) if opening fails or takes over `timeoutMs`. */
export function startWorker(config: WorkerConfig, timeoutMs: number): Promise<Worker> {
  const worker = createWorker(config);
  return new Promise<Worker>((resolve, reject) => {
    let error: Error | undefined;
    const fail = (reason: string) => {
      clear();
      void worker.terminate();
      reject(new Error(`the embedded database could not be opened in ${config.dataDir}: ${reason}`));
    };
    const onMessage = (message: Reply) => {
      if (message.kind === 'ready') {
        clear();
        resolve(worker);
      } else if (message.kind === 'open-failed') {
        fail(message.message);
      }
    };
    const onError = (thrown: Error) => { error = thrown; };
    const onExit = (code: number) => fail(error ? error.message : `its thread exited with code ${code}`);
    const timer = setTimeout(() => fail(`it did not open within ${timeoutMs} ms`), timeoutMs);
    const clear = () => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
