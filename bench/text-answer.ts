/**
 * `npm run build && node --import tsx bench/text-answer.ts`: what answering from the
 * database's JSON text (engine/text-answer.ts) gains over graphql-js, on
 * one authline server per backend and the same requests: each one sent as
 * a client sends it (answered as text) and with the admin's
 * `X-Authline-Text-Answers: 0` (the general path), in alternating
 * measurements (the order flips every round), so that other load on the
 * machine falls on both alike. Prints req/s of each and the server's CPU
 * time per request (with PGlite, the database's too), the req/s ratio text
 * ÷ graphql-js per round and its median, the CPU ratio graphql-js ÷ text,
 * and the load average.
 *
 * Before timing, each request's two answers must be the same bytes, and the
 * server's counter must show the text answer was used.
 *
 * The requests are the bench's (docs/benchmarks.md): the list of scenario 1
 * without auth, the nested read of scenario 4 without auth, and both again
 * under the HS256 schema (the RBAC list as an ADMIN, the nested read with
 * its team and owner rules as a USER).
 *
 * Environment: BENCH_SECONDS [3] per measurement, BENCH_WARMUP [1],
 * BENCH_ROUNDS [3], BENCH_CONNECTIONS [10], BENCH_SIZE [2000x20000x20]
 * (users × todos × teams), BENCH_BACKENDS [pglite,postgres].
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startChild, stopAll, type Child } from './lib/children.js';
import { dgraphJson, generate, type DataSize } from './lib/data.js';
import { graphql, type Request } from './lib/http.js';
import { measure } from './lib/load.js';
import { startPostgres } from './lib/postgres.js';
import { machine } from './lib/report.js';
import { authlineSdl, type Variant } from './lib/schema.js';
import { hs256 } from './lib/tokens.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const load = { seconds: env('BENCH_SECONDS', 3), warmupSeconds: env('BENCH_WARMUP', 1), connections: env('BENCH_CONNECTIONS', 10) };
const ROUNDS = env('BENCH_ROUNDS', 3);
const [users, todos, teams] = (process.env.BENCH_SIZE ?? '2000x20000x20').split('x').map(Number);
const size: DataSize = { users, todos, teams };
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'pglite,postgres').split(',');
const ADMIN_TOKEN = 'bench-text-answer-admin';
const GENERAL = { 'X-Authline-Admin-Token': ADMIN_TOKEN, 'X-Authline-Text-Answers': '0' };

const LIST = '{ queryTodo(first: 20) { id title done } }';
const NESTED = '{ queryUser(first: 10) { username name todos(first: 5) { id title done } } }';

interface Case {
  readonly name: string;
  readonly variant: Variant;
  readonly request: Request;
}

async function cases(): Promise<Case[]> {
  const user = 42 % size.users;
  const member = await hs256({ USER: `user${user}`, TEAM: `team${user % size.teams}`, ROLE: 'USER' });
  return [
    { name: 'list, no auth (1)', variant: 'noauth', request: graphql(LIST) },
    { name: 'nested, no auth', variant: 'noauth', request: graphql(NESTED) },
    { name: 'list, HS256 RBAC (2)', variant: 'hs256', request: graphql(LIST, await hs256({ ROLE: 'ADMIN' })) },
    { name: 'nested, HS256 rules (4)', variant: 'hs256', request: graphql(NESTED, member) },
  ];
}

async function post(url: string, path: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', 'X-Authline-Admin-Token': ADMIN_TOKEN, ...headers }, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return text;
}

async function textAnswers(url: string): Promise<number> {
  const res = await fetch(`${url}/metrics`, { headers: { 'X-Authline-Admin-Token': ADMIN_TOKEN } });
  const line = (await res.text()).split('\n').find((l) => l.startsWith('authline_graphql_answers_total{by="text"}'));
  return Number(line?.split(' ')[1] ?? 0);
}

/** The same bytes both ways, and the text path taken. */
async function check(child: Child, c: Case): Promise<void> {
  const ask = (headers: Record<string, string>) => post(child.url, '/graphql', c.request.body, { ...c.request.headers, 'content-type': 'application/json', ...headers });
  const general = await ask(GENERAL);
  const before = await textAnswers(child.url);
  const text = await ask({});
  if (text !== general) throw new Error(`${c.name}: the answers differ\n  text:       ${text.slice(0, 300)}\n  graphql-js: ${general.slice(0, 300)}`);
  if ((await textAnswers(child.url)) !== before + 1) throw new Error(`${c.name}: not answered as text`);
  if (!text.includes('"data":{') || text.includes('"errors"') || text.length < 200) throw new Error(`${c.name}: a poor answer: ${text.slice(0, 300)}`);
}

const fmt = (n: number, digits = 0) => n.toFixed(digits).padStart(7);

/**
 * The server process's CPU time so far (user + system, /proc; with PGlite
 * its database too): CPU per request is less at the mercy of other work on
 * the machine than requests per second.
 */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After the command: state is field 3, utime 14 and stime 15 (1-based), in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function run(backend: string): Promise<void> {
  const database = backend === 'postgres' ? await startPostgres() : undefined;
  const child = await startChild('authline', 'authline', { env: { DATABASE_URL: database?.authline ?? '', BENCH_ADMIN_TOKEN: ADMIN_TOKEN } });
  try {
    await post(child.url, '/admin/schema', authlineSdl('noauth'));
    await post(child.url, '/admin/import', JSON.stringify(dgraphJson(generate(size))));
    let served: Variant = 'noauth';
    for (const c of await cases()) {
      if (c.variant !== served) await post(child.url, '/admin/schema', authlineSdl(c.variant));
      served = c.variant;
      await check(child, c);
      const ratios: number[] = [];
      const rps = { text: [] as number[], general: [] as number[] };
      const cpu = { text: [] as number[], general: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (['text', 'general'] as const) : (['general', 'text'] as const);
        const got: Record<string, number> = {};
        for (const way of order) {
          const request = way === 'text' ? c.request : { ...c.request, headers: { ...c.request.headers, ...GENERAL } };
          const url = `${child.url}/graphql`;
          if (load.warmupSeconds > 0) await measure(url, request, { ...load, seconds: load.warmupSeconds, warmupSeconds: 0 });
          const before = cpuSeconds(child.pid);
          const measured = await measure(url, request, { ...load, warmupSeconds: 0 });
          cpu[way].push(((cpuSeconds(child.pid) - before) / measured.requests) * 1e6);
          got[way] = measured.rps;
          rps[way].push(got[way]);
        }
        ratios.push(got.text / got.general);
      }
      console.log(
        `${backend.padEnd(8)} ${c.name.padEnd(24)} text ${fmt(median(rps.text))} req/s ${fmt(median(cpu.text))} µs CPU/req  ` +
        `graphql-js ${fmt(median(rps.general))} req/s ${fmt(median(cpu.general))} µs CPU/req  ` +
        `req/s ratio ${median(ratios).toFixed(2)} (rounds ${ratios.map((r) => r.toFixed(2)).join(' ')})  ` +
        `CPU ratio ${(median(cpu.general) / median(cpu.text)).toFixed(2)}  load ${loadavg()[0].toFixed(2)}`,
      );
    }
  } finally {
    await child.stop();
    await database?.close();
  }
}

console.log(`${machine()}, node ${process.version}; ${size.users} users, ${size.todos} todos; ${load.connections} connections, ` +
  `${ROUNDS} rounds of ${load.seconds} s each way; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
try {
  for (const backend of BACKENDS) await run(backend);
} finally {
  await stopAll();
}
console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
