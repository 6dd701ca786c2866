/**
 * The parts of a run, each checking its answers before it times anything
 * (bench/lib/honesty.ts) and recording one row per measurement.
 */
import { startChild, type Child } from './children.js';
import type { DataSize } from './data.js';
import { ownTodos } from './expected.js';
import { checkHonesty, expectSame, HonestyError, PHASES } from './honesty.js';
import { post } from './http.js';
import { measure, measurePair, type LoadOptions, type Measurement } from './load.js';
import { memoryOf, type Memory } from './memory.js';
import { seriesName, type Row } from './report.js';
import { ownerList, ownerOfList, type Forbidden, type OwnerGrowth, type Scenario } from './scenarios.js';
import { startAuthline, type AuthlineServer, type Bench } from './setup.js';

export interface Run {
  readonly load: LoadOptions;
  /** Seconds of scenario 1 on each server after loading, not recorded. */
  readonly settleSeconds: number;
  log(line: string): void;
  record(row: Row): void;
}

/** The honesty check of authline and the peer on `bench`'s backend: every phase, timed and forbidden requests. */
export async function checkBench(run: Run, bench: Bench, timed: readonly Scenario[], forbidden: readonly Forbidden[]): Promise<void> {
  for (const line of await checkHonesty(bench, timed, forbidden)) run.log(`honesty (${bench.backend}): ${line}`);
}

/**
 * The two ceilings, which keep no data: bare Koa answering scenario 1's
 * body as a constant, and Koa + graphql-js (`graphqljs`, started by the
 * caller) answering scenario 2 (the same 20 rows) from memory.
 */
export async function timeCeilings(run: Run, bench: Bench, timed: readonly Scenario[], graphqljs: Child): Promise<void> {
  const [noauth, rbac] = timed;
  await bench.use(noauth.variant);
  const constant = JSON.stringify((await post(bench.url('authline', noauth.variant), noauth.request)).json);
  const koa = await startChild('koa', 'koa', { args: [constant] });
  try {
    run.record({ name: 'ceiling', title: 'ceiling: Koa, constant JSON', server: 'koa', backend: 'pglite', ...(await measure(koa.url, noauth.request, run.load)) });
  } finally {
    await koa.stop();
  }

  await bench.use(rbac.variant);
  const [a, g] = await Promise.all([post(bench.url('authline', rbac.variant), rbac.request), post(graphqljs.url, rbac.request)]);
  run.log(`honesty: ${expectSame(rbac.name, rbac.field, ['authline', a], ['graphqljs', g])}`);
  const title = 'ceiling: Koa + graphql-js, rows in memory';
  run.record({ name: 'ceiling-graphqljs', title, server: 'graphqljs', backend: 'pglite', ...(await measure(graphqljs.url, rbac.request, run.load)) });
}

/** Starts the graphql-js ceiling with the data set of `size` in memory. */
export function startGraphqljs(size: DataSize): Promise<Child> {
  return startChild('graphqljs', 'graphqljs', { args: [String(size.users), String(size.todos), String(size.teams)] });
}

/**
 * Both servers just loaded their data (a big heap to collect, pages never
 * read): a few seconds of scenario 1 on each, unrecorded, so the first
 * measurement is not also the one that pays for that. Returns authline's
 * memory after it.
 */
export async function settle(run: Run, bench: Bench, first: Scenario): Promise<Memory> {
  if (run.settleSeconds > 0) {
    await bench.use(first.variant);
    for (const server of ['authline', 'yoga'] as const) {
      await measure(bench.url(server, first.variant), first.request, { ...run.load, warmupSeconds: 0, seconds: run.settleSeconds });
    }
    run.log(`settled (${bench.backend}): ${run.settleSeconds} s of scenario 1 on each server, not recorded`);
  }
  return memoryOf(bench.authlinePid);
}

/** authline's and the peer's measurements of one scenario, in that order. */
function recordPair(run: Run, row: Pick<Row, 'name' | 'title' | 'backend'>, [authline, yoga]: readonly [Measurement, Measurement]): void {
  run.record({ ...row, server: 'authline', ...authline });
  run.record({ ...row, server: 'yoga', ...yoga });
}

/** The five scenarios, phase by phase, each on authline and the peer taking turns (measurePair). */
export async function timeScenarios(run: Run, bench: Bench, timed: readonly Scenario[]): Promise<void> {
  const prefix = bench.backend === 'postgres' ? 'PostgreSQL: ' : '';
  for (const variant of PHASES) {
    await bench.use(variant);
    for (const s of timed.filter((t) => t.variant === variant)) {
      const measured = await measurePair([bench.url('authline', variant), bench.url('yoga', variant)], s.request, run.load);
      recordPair(run, { name: s.name, title: `${prefix}${s.title}`, backend: bench.backend }, measured);
    }
  }
}

/**
 * The add of scenario 5 for an owner of few todos and for one given many
 * more first (through the API, on both servers), `addRequests` each, on
 * authline and the peer taking turns. A fixed number of requests rather than seconds,
 * so the owners grow alike while measured.
 */
export async function timeOwnerGrowth(run: Run, bench: Bench, growth: OwnerGrowth, addRequests: number): Promise<void> {
  const { variant } = growth.big;
  await bench.use(variant);
  for (const server of ['authline', 'yoga'] as const) {
    for (const step of growth.load) {
      const answer = await post(bench.url(server, variant), step.request);
      const written = (answer.json.data?.addTodo as { numUids?: unknown } | null | undefined)?.numUids;
      if (answer.status !== 200 || answer.json.errors || written !== step.count) {
        throw new HonestyError(`loading the big owner's todos: ${server} answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 2000)}`);
      }
    }
  }
  run.log(`loaded ${growth.load.reduce((n, step) => n + step.count, 0)} todos for the big owner on both servers (${bench.backend})`);
  for (const s of [growth.small, growth.big]) {
    const [a, y] = await Promise.all([post(bench.url('authline', variant), s.request), post(bench.url('yoga', variant), s.request)]);
    run.log(`honesty (${bench.backend}): ${expectSame(s.name, s.field, ['authline', a], ['yoga', y])}`);
  }
  const prefix = bench.backend === 'postgres' ? 'PostgreSQL: ' : '';
  for (const s of [growth.small, growth.big]) {
    const measured = await measurePair([bench.url('authline', variant), bench.url('yoga', variant)], s.request, { ...run.load, warmupSeconds: 0, amount: addRequests });
    recordPair(run, { name: s.name, title: `${prefix}${s.title}`, backend: bench.backend }, measured);
  }
}

/** The data set of a point of the series: as many todos per user as the full set, at least the 43 users the scenarios name. */
export function seriesSize(size: DataSize, todos: number): DataSize {
  const users = Math.max(43, Math.round((todos * size.users) / size.todos));
  return { users, todos, teams: Math.min(size.teams, users) };
}

/** The series' servers by size (todos): none for the full size, which is measured on the phase's own server. */
export type SeriesServers = ReadonlyMap<number, AuthlineServer>;

/**
 * Starts and loads a fresh authline on PGlite for each size of the series
 * but the full one, one after the other: an embedded database opening is
 * heavy, and on a busy machine several at once outlast its open timeout.
 */
export async function startSeries(size: DataSize, sizes: readonly number[]): Promise<SeriesServers> {
  const servers = new Map<number, AuthlineServer>();
  for (const todos of sizes) {
    const data = seriesSize(size, todos);
    if (data.users === size.users && data.todos === size.todos) continue;
    const server = await startAuthline();
    servers.set(todos, server);
    await server.load(data);
  }
  return servers;
}

/**
 * Scenario 3 (the owner rule) at each size of `sizes` (todos), authline on
 * PGlite only: the full size on `bench`'s server, the others each on its
 * server of `servers`, stopped once measured. Each answer is checked
 * against the data set before it is timed.
 */
export async function timeSeries(run: Run, bench: Bench, size: DataSize, sizes: readonly number[], servers: SeriesServers): Promise<void> {
  for (const todos of sizes) {
    const data = seriesSize(size, todos);
    const own = servers.get(todos);
    try {
      if (own) await own.use('jwks', bench.jwksUrl);
      else await bench.use('jwks');
      const url = own ? own.graphqlUrl : bench.url('authline', 'jwks');
      const scenario = await ownerList(data);
      const answer = await post(url, scenario.request);
      run.log(`honesty: ${expectSame(`${scenario.name} at ${todos} todos`, scenario.field, ['authline', answer], ['the data set', ownTodos(data, ownerOfList(data))])}`);
      const title = `3. owner list at ${todos.toLocaleString('en-US')} todos`;
      run.record({ name: seriesName(todos), title, server: 'authline', backend: 'pglite', ...(await measure(url, scenario.request, run.load)) });
    } finally {
      await own?.child.stop();
    }
  }
}
