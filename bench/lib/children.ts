/**
 * Servers under test run as child processes, so the load generator never
 * shares their event loop. Each listens on 127.0.0.1, port 0, and reports
 * its URL over IPC. Every child started is killed when the bench ends, also
 * when it fails or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  readonly name: string;
  readonly url: string;
  /** The server's process id (its memory is read from /proc, bench/lib/memory.ts). */
  readonly pid: number;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// Last resort: never leave a server behind, whatever ends this process.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ChildOptions {
  readonly args?: readonly string[];
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Starts `bench/servers/<script>.ts` and waits for its URL (stderr is passed through, stdout dropped). */
export function startChild(name: string, script: string, options: ChildOptions = {}): Promise<Child> {
  const { args = [], env = {}, timeoutMs = 300_000 } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', `bench/servers/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const stop = () => stopChild(child);
  return new Promise<Child>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('message', (m: { url?: string }) => {
      clearTimeout(timer);
      if (typeof m.url !== 'string') return reject(new Error(`${name} sent ${JSON.stringify(m)}`));
      resolve({ name, url: m.url, pid: child.pid!, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}

/** SIGTERM, then SIGKILL if the child is still there after two seconds. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => stopChild(c)));
}
