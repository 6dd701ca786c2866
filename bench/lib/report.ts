/**
 * The result of a run: one table for stdout (and docs/benchmarks.md), and
 * the JSON published as bench/results/latest.json.
 */
import { cpus, totalmem } from 'node:os';
import type { Measurement } from './load.js';

export type Server = 'authline' | 'yoga' | 'koa';

export interface Row extends Measurement {
  readonly name: string;
  readonly title: string;
  readonly server: Server;
}

export interface Result {
  readonly machine: string;
  readonly node: string;
  readonly date: string;
  readonly scenarios: readonly { name: string; server: Server; rps: number; p50_ms: number; p99_ms: number; requests: number }[];
  readonly ratios: Record<string, number>;
  readonly settings: Record<string, unknown>;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'unknown cpu'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}/${process.arch}`;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function buildResult(rows: readonly Row[], settings: Record<string, unknown>): Result {
  const rps = (name: string, server: Server) => {
    const row = rows.find((r) => r.name === name && r.server === server);
    if (!row) throw new Error(`no measurement for ${name} on ${server}`);
    return row.rps;
  };
  const ratio = (a: number, b: number) => round(a / b, 4);
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
  };
  return {
    machine: machine(),
    node: process.version,
    date: new Date().toISOString(),
    scenarios: rows.map((r) => ({ name: r.name, server: r.server, rps: round(r.rps, 1), p50_ms: r.p50_ms, p99_ms: r.p99_ms, requests: r.requests })),
    ratios,
    settings,
  };
}

/** A Markdown table: one line per scenario, authline and its peer side by side, then the ratios. */
export function table(rows: readonly Row[], result: Result): string {
  const noauth = rows.find((r) => r.name === 'list-noauth' && r.server === 'authline')?.rps;
  const names = [...new Set(rows.map((r) => r.name))];
  const header = ['scenario', 'authline req/s', 'p50 ms', 'p99 ms', 'peer', 'peer req/s', 'p50 ms', 'p99 ms', 'authline/peer', 'auth/no-auth'];
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
  const ratios = Object.entries(result.ratios).map(([k, v]) => `  ${k.padEnd(32)} ${v < 0.1 ? v.toFixed(4) : v.toFixed(2)}`);
  return [fmt(header), rule, ...lines.map(fmt), '', 'ratios (of requests/s):', ...ratios].join('\n');
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
