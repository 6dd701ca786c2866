/**
 * A throwaway PostgreSQL server for tests: initdb into a temp directory, start
 * `postgres` on a free loopback port, hand out fresh databases, remove it all
 * on stop. PostgreSQL refuses to run as root, so when we are root the server
 * binaries run as the `postgres` user (the brief's machine setup).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  /** Connection URL of the `postgres` maintenance database. */
  readonly url: string;
  stop(): Promise<void>;
}

function findBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = join(root, v, 'bin');
      if (existsSync(join(dir, 'initdb'))) return dir;
    }
  }
  throw new Error('PostgreSQL server binaries not found (looked in $PG_BIN_DIR and /usr/lib/postgresql/*/bin)');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs a PostgreSQL binary, as the `postgres` user when we are root. setpriv
 * execs in place (runuser would fork and not pass our signals on), so the
 * child we hold is the server itself and SIGINT reaches it.
 */
function command(bin: string, args: string[]): [string, string[]] {
  if (userInfo().uid === 0) {
    return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', bin, ...args]];
  }
  return [bin, args];
}

export async function startPgCluster(): Promise<PgCluster> {
  const binDir = findBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'authline-pg-'));
  const dataDir = join(dir, 'data');
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const pwFile = join(dir, 'pw');
  writeFileSync(pwFile, 'authline\n');
  if (userInfo().uid === 0) execFileSync('chown', ['postgres', pwFile]);
  const [initCmd, initArgs] = command(join(binDir, 'initdb'), [
    '-D', dataDir, '-U', 'authline', '--pwfile', pwFile, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-locale',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const [pgCmd, pgArgs] = command(join(binDir, 'postgres'), [
    '-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    '-c', 'max_connections=200', '-c', 'shared_buffers=64MB',
  ]);
  const child: ChildProcess = spawn(pgCmd, pgArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start in 30s:\n${log}`)), 30_000);
    const check = () => {
      if (log.includes('ready to accept connections')) { clearTimeout(timer); resolve(); return; }
      if (child.exitCode !== null) { clearTimeout(timer); reject(new Error(`PostgreSQL exited:\n${log}`)); return; }
      setTimeout(check, 50);
    };
    check();
  });
  let stopped = false;
  return {
    url: `postgres://authline:authline@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
