/**
 * `authline serve` as a real child process (the built bin/authline.js), on
 * 127.0.0.1 with a port of its own, optionally as PID 1 of a new PID
 * namespace, as in every container. For the fault suite and `npm run soak`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/authline.js', import.meta.url));
const UNSHARE = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child=SIGKILL'];

export interface ServeOptions {
  /** `--data DIR`, `--database-url URL`, ... */
  readonly store: readonly string[];
  /** Run as PID 1 of a new PID namespace (needs root and unshare; see pid1Unavailable). */
  readonly pid1?: boolean;
  readonly env?: Readonly<Record<string, string>>;
}

export interface Served {
  readonly url: string;
  /** The authline process, as this machine numbers it. */
  readonly pid: number;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** kill -9; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Why authline cannot run as PID 1 here, or undefined when it can. */
export function pid1Unavailable(): string | undefined {
  if (process.platform !== 'linux') return 'PID namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'a new PID namespace needs root';
  try {
    execFileSync(UNSHARE[0], [...UNSHARE.slice(1), 'true'], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `unshare --pid --fork --mount-proc does not work here: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** The pid of `parent`'s only child (unshare forks authline). */
async function childOf(parent: number): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const children = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim();
    if (children) return Number(children.split(' ')[0]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`process ${parent} started no child`);
}

/** Starts `authline serve` and resolves once it listens. */
export async function serve(options: ServeOptions): Promise<Served> {
  const command = [process.execPath, BIN, 'serve', '--host', '127.0.0.1', '--port', '0', ...options.store];
  const [file, ...args] = options.pid1 ? [...UNSHARE, ...command] : command;
  const child: ChildProcess = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const listening = stdout.split('\n').find((line) => line.includes('"msg":"listening"'));
      if (listening) resolve((JSON.parse(listening) as { url: string }).url);
    });
    void exited.then((code) => reject(new Error(`authline serve exited (${code}) before listening:\n${stderr}`)));
  });
  // Keep reading, so a full pipe never blocks the server.
  child.stdout!.resume();
  const pid = options.pid1 ? await childOf(child.pid!) : child.pid!;
  return {
    url,
    pid,
    stderr: () => stderr,
    async kill() {
      process.kill(pid, 'SIGKILL');
      // unshare exits once its child (PID 1 inside) is gone and reaped.
      await exited;
    },
    async stop() {
      process.kill(pid, 'SIGTERM');
      return exited;
    },
  };
}
