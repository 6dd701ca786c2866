/**
 * `npm run bench:import`: the memory and speed of importing a Dgraph RDF
 * export. Writes a 1,000,000-triple export (gzipped, as Dgraph writes it;
 * 200,000 Person nodes of five triples each: type, @id, name, typed int, an
 * edge to a node further on), then imports it with the real CLI in a child
 * process (`authline import g01.rdf.gz --schema ...`), once into embedded
 * PGlite (a data directory) and once into a throwaway PostgreSQL server,
 * and prints the rate and the child's peak RSS. Fails (exit 1) when the
 * peak RSS reaches 300 MB.
 *
 *   npm run bench:import [-- --triples N] [-- --only pglite|postgres]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { startPgCluster } from '../test/support/pg-cluster.js';

const RSS_LIMIT_MB = 300;
const TRIPLES_PER_NODE = 5;

const { values } = parseArgs({ options: { triples: { type: 'string' }, only: { type: 'string' } } });
const triples = Number(values.triples ?? 1_000_000);
const nodes = Math.ceil(triples / TRIPLES_PER_NODE);

const SCHEMA = `type Person {
  id: ID!
  xid: String! @id
  name: String @search(by: [hash])
  age: Int
  friends: [Person]
}
`;

async function writeExport(path: string): Promise<void> {
  const gzip = createGzip({ level: 1 });
  const out = createWriteStream(path);
  gzip.pipe(out);
  for (let i = 0; i < nodes; i++) {
    const uid = `<0x${(i + 1).toString(16)}>`;
    const friend = `<0x${(((i + 7919) % nodes) + 1).toString(16)}>`;
    const text = `${uid} <dgraph.type> "Person" <0x0> .\n`
      + `${uid} <Person.xid> "person-${i}"^^<xs:string> <0x0> .\n`
      + `${uid} <Person.name> "Person number ${i}"^^<xs:string> <0x0> .\n`
      + `${uid} <Person.age> "${i % 100}"^^<xs:int> <0x0> .\n`
      + `${uid} <Person.friends> ${friend} <0x0> .\n`;
    if (!gzip.write(text)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'finish');
}

interface Outcome {
  readonly backend: string;
  readonly seconds: number;
  readonly rate: number;
  readonly peakRssMb: number;
  /** The 1-minute load average as the import ended: rates from a busy machine are pessimistic, peak RSS much less so. */
  readonly load: number;
}

/** Runs the CLI import in a child whose peak RSS it reports on exit. */
async function importWith(backend: string, dir: string, store: string[]): Promise<Outcome> {
  const probe = join(dir, 'peak-rss.mjs');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\\n`));\n");
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', probe, 'bin/authline.js', 'import', join(dir, 'g01.rdf.gz'),
    '--schema', join(dir, 'g01.gql_schema'), ...store], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    process.stderr.write(text.replace(/peak-rss-kb \d+\n/, ''));
  });
  const [code] = await once(child, 'exit');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${backend}: the import failed (exit ${code})`);
  const peakRssMb = Number(/peak-rss-kb (\d+)/.exec(stderr)![1]) / 1024;
  return { backend, seconds, rate: Math.round(triples / seconds), peakRssMb, load: loadavg()[0] };
}

const dir = mkdtempSync(join(tmpdir(), 'authline-bench-import-'));
try {
  writeFileSync(join(dir, 'g01.gql_schema'), JSON.stringify([{ Namespace: 0, Schema: SCHEMA }]));
  await writeExport(join(dir, 'g01.rdf.gz'));
  console.log(`export: ${triples.toLocaleString('en-US')} triples, ${nodes.toLocaleString('en-US')} nodes, ${(statSync(join(dir, 'g01.rdf.gz')).size / 1024 / 1024).toFixed(1)} MiB gzipped`);
  const outcomes: Outcome[] = [];
  if (values.only !== 'postgres') outcomes.push(await importWith('pglite', dir, ['--data', join(dir, 'pglite')]));
  if (values.only !== 'pglite') {
    const cluster = await startPgCluster();
    try {
      outcomes.push(await importWith('postgres', dir, ['--database-url', cluster.url]));
    } finally {
      await cluster.stop();
    }
  }
  for (const o of outcomes) {
    console.log(`${o.backend}: ${o.seconds.toFixed(1)} s, ${o.rate.toLocaleString('en-US')} triples/s, peak RSS ${o.peakRssMb.toFixed(0)} MB (limit ${RSS_LIMIT_MB} MB), load average ${o.load.toFixed(1)}`);
  }
  const over = outcomes.filter((o) => o.peakRssMb >= RSS_LIMIT_MB);
  if (over.length > 0) {
    console.error(`peak RSS over ${RSS_LIMIT_MB} MB: ${over.map((o) => o.backend).join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
