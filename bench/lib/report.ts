/**
 * The result of a run: tables for stdout (and docs/benchmarks.md), and the
 * JSON published as bench/results/latest.json.
 */
import { cpus, totalmem } from 'node:os';
import type { Measurement } from './load.js';
import type { Memory } from './memory.js';
import type { Backend } from './setup.js';

export type Server = 'authline' | 'yoga' | 'koa' | 'graphqljs';

export interface Row extends Measurement {
  readonly name: string;
  readonly title: string;
  readonly server: Server;
  /** Where the server keeps its data (the ceilings keep none: `pglite` phase). */
  readonly backend: Backend;
}

/** authline's memory on a backend, read after its import and again after the settle phase. */
export interface MemoryReadings {
  readonly after_import: Memory;
  readonly after_settle: Memory;
}

/** As latest.json has it: MB resident, and the process's peak so far. */
type MemoryJson = Record<keyof MemoryReadings, { rss_mb: number; peak_mb: number }>;

export interface Result {
  readonly machine: string;
  readonly node: string;
  readonly date: string;
  readonly scenarios: readonly { name: string; server: Server; backend: Backend; rps: number; p50_ms: number; p99_ms: number; requests: number }[];
  readonly ratios: Record<string, number>;
  /** authline's resident memory on PGlite with the full data set loaded, after the settle phase, in MB. */
  readonly rss_mb_100k: number;
  readonly memory: Readonly<Record<Backend, MemoryJson>>;
  readonly settings: Record<string, unknown>;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown cpu'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}/${process.arch}`;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The name of the series' measurement at `todos` todos. */
export const seriesName = (todos: number) => `owner-series-${todos}`;

export interface RunFacts {
  readonly memory: Readonly<Record<Backend, MemoryReadings>>;
  /** The series' sizes, in todos. */
  readonly series: readonly number[];
  readonly settings: Record<string, unknown>;
}

export function buildResult(rows: readonly Row[], facts: RunFacts): Result {
  const find = (name: string, server: Server, backend: Backend = 'pglite') => {
    const row = rows.find((r) => r.name === name && r.server === server && r.backend === backend);
    if (!row) throw new Error(`no measurement for ${name} on ${server} (${backend})`);
    return row;
  };
  const rps = (name: string, server: Server, backend?: Backend) => find(name, server, backend).rps;
  const ratio = (a: number, b: number) => round(a / b, 4);
  const pg = (name: string) => ratio(rps(name, 'authline', 'postgres'), rps(name, 'yoga', 'postgres'));
  const smallest = seriesName(Math.min(...facts.series));
  const largest = seriesName(Math.max(...facts.series));
  const ratios: Record<string, number> = {
    auth_over_noauth_rbac: ratio(rps('list-hs256-rbac', 'authline'), rps('list-noauth', 'authline')),
    auth_over_noauth_traversal: ratio(rps('list-rs256-jwks-owner', 'authline'), rps('list-noauth', 'authline')),
    authline_over_yoga_rbac: ratio(rps('list-hs256-rbac', 'authline'), rps('list-hs256-rbac', 'yoga')),
    authline_over_yoga_traversal: ratio(rps('list-rs256-jwks-owner', 'authline'), rps('list-rs256-jwks-owner', 'yoga')),
    authline_over_koa_ceiling: ratio(rps('list-noauth', 'authline'), rps('ceiling', 'koa')),
    // Beyond the required five: every scenario against the peer, and the peer's own auth cost.
    authline_over_yoga_noauth: ratio(rps('list-noauth', 'authline'), rps('list-noauth', 'yoga')),
    authline_over_yoga_nested: ratio(rps('nested-two-levels', 'authline'), rps('nested-two-levels', 'yoga')),
    authline_over_yoga_add: ratio(rps('add-mutation', 'authline'), rps('add-mutation', 'yoga')),
    yoga_auth_over_noauth_rbac: ratio(rps('list-hs256-rbac', 'yoga'), rps('list-noauth', 'yoga')),
    yoga_auth_over_noauth_traversal: ratio(rps('list-rs256-jwks-owner', 'yoga'), rps('list-noauth', 'yoga')),
    // Issue 13's targets.
    pg_authline_over_yoga_noauth: pg('list-noauth'),
    pg_authline_over_yoga_rbac: pg('list-hs256-rbac'),
    pg_authline_over_yoga_traversal: pg('list-rs256-jwks-owner'),
    pg_authline_over_yoga_nested: pg('nested-two-levels'),
    pg_authline_over_yoga_add: pg('add-mutation'),
    authline_over_graphqljs_ceiling: ratio(rps('list-hs256-rbac', 'authline'), rps('ceiling-graphqljs', 'graphqljs')),
    // Latency grows with the data: above 1 means slower at the larger size.
    owner_p50_100k_over_1k: ratio(find(largest, 'authline').p50_ms, find(smallest, 'authline').p50_ms),
    add_big_owner_over_small_owner: ratio(rps('add-big-owner', 'authline'), rps('add-small-owner', 'authline')),
    // The same on PostgreSQL and for the peer, for comparison.
    pg_auth_over_noauth_rbac: ratio(rps('list-hs256-rbac', 'authline', 'postgres'), rps('list-noauth', 'authline', 'postgres')),
    pg_auth_over_noauth_traversal: ratio(rps('list-rs256-jwks-owner', 'authline', 'postgres'), rps('list-noauth', 'authline', 'postgres')),
    pg_add_big_owner_over_small_owner: ratio(rps('add-big-owner', 'authline', 'postgres'), rps('add-small-owner', 'authline', 'postgres')),
    yoga_add_big_owner_over_small_owner: ratio(rps('add-big-owner', 'yoga'), rps('add-small-owner', 'yoga')),
  };
  return {
    machine: machine(),
    node: process.version,
    date: new Date().toISOString(),
    scenarios: rows.map((r) => ({ name: r.name, server: r.server, backend: r.backend, rps: round(r.rps, 1), p50_ms: r.p50_ms, p99_ms: r.p99_ms, requests: r.requests })),
    ratios,
    rss_mb_100k: facts.memory.pglite.after_settle.rssMb,
    memory: { pglite: memoryJson(facts.memory.pglite), postgres: memoryJson(facts.memory.postgres) },
    settings: facts.settings,
  };
}

function memoryJson(m: MemoryReadings): MemoryJson {
  const one = (r: Memory) => ({ rss_mb: r.rssMb, peak_mb: r.peakMb });
  return { after_import: one(m.after_import), after_settle: one(m.after_settle) };
}

/** Markdown tables: one per backend, a line per scenario with authline and the server it is compared with side by side; then the ratios. */
export function table(rows: readonly Row[], result: Result): string {
  const sections = (['pglite', 'postgres'] as const).map((backend) => section(rows.filter((r) => r.backend === backend), backend));
  const ratios = Object.entries(result.ratios).map(([k, v]) => `  ${k.padEnd(36)} ${v < 0.1 ? v.toFixed(4) : v.toFixed(2)}`);
  const memory = Object.entries(result.memory).map(
    ([backend, m]) => `  ${backend.padEnd(9)} ${m.after_import.rss_mb} MB after the import, ${m.after_settle.rss_mb} MB after the settle phase, ${m.after_settle.peak_mb} MB at its peak`,
  );
  return [...sections, 'ratios (of requests/s, or of p50 for owner_p50_*):', ...ratios, '', 'authline RSS:', ...memory].join('\n');
}

function section(rows: readonly Row[], backend: string): string {
  const noauth = rows.find((r) => r.name === 'list-noauth' && r.server === 'authline')?.rps;
  const names = [...new Set(rows.map((r) => r.name))];
  const header = [`scenario (${backend})`, 'authline req/s', 'p50 ms', 'p99 ms', 'compared with', 'req/s', 'p50 ms', 'p99 ms', 'authline/other', 'auth/no-auth'];
  const lines: string[][] = [];
  for (const name of names) {
    const a = rows.find((r) => r.name === name && r.server === 'authline');
    const p = rows.find((r) => r.name === name && r.server !== 'authline');
    const title = (a ?? p)?.title ?? name;
    const cell = (r: Row | undefined, f: (r: Row) => string) => (r ? f(r) : '');
    lines.push([
      title,
      cell(a, (r) => int(r.rps)),
      cell(a, (r) => String(r.p50_ms)),
      cell(a, (r) => String(r.p99_ms)),
      p?.server ?? '',
      cell(p, (r) => int(r.rps)),
      cell(p, (r) => String(r.p50_ms)),
      cell(p, (r) => String(r.p99_ms)),
      a && p ? `${(a.rps / p.rps).toFixed(2)}×` : '',
      a && noauth && name !== 'list-noauth' && name.startsWith('list-') ? `${(a.rps / noauth).toFixed(2)}×` : '',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 || i === 4 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [fmt(header), rule, ...lines.map(fmt), ''].join('\n');
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
