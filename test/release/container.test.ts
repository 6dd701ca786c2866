/**
 * The Dockerfile and compose.yaml, linted: no Docker engine runs here, so
 * their instructions are parsed and checked against the code they package
 * (the default port, the health endpoint, the files they copy, the scripts
 * they run, the environment the CLI reads).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_PORT } from '../../src/server/options.js';

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** Dockerfile instructions: comments dropped, `\` continuations joined, keywords upper-cased. */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = pending + line;
    pending = '';
    const space = whole.search(/\s/);
    out.push({ keyword: whole.slice(0, space).toUpperCase(), args: whole.slice(space + 1).trim() });
  }
  assert.equal(pending, '', 'the Dockerfile ends inside a continued line');
  return out;
}

/** The stages, each from its FROM to the next. */
function stages(all: Instruction[]): { from: string; name?: string; body: Instruction[] }[] {
  const out: { from: string; name?: string; body: Instruction[] }[] = [];
  for (const instruction of all) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.split(/\s+/);
      out.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, body: [] });
    } else {
      assert.ok(out.length > 0, `${instruction.keyword} before any FROM`);
      out.at(-1)!.body.push(instruction);
    }
  }
  return out;
}

const args = (stage: { body: Instruction[] }, keyword: string) => stage.body.filter((i) => i.keyword === keyword).map((i) => i.args);

test('Dockerfile: multi-stage on node:20-slim, non-root, a data volume, a health check on /health, the default port', () => {
  const all = stages(instructions(readFileSync('Dockerfile', 'utf8')));
  assert.ok(all.length >= 2, 'multi-stage');
  for (const stage of all) assert.equal(stage.from, 'node:20-slim');
  const runtime = all.at(-1)!;
  const names = all.map((s) => s.name).filter(Boolean);

  const users = args(runtime, 'USER');
  assert.equal(users.length, 1, 'one USER in the final stage');
  assert.doesNotMatch(users[0], /^(root|0)(:|$)/);

  assert.deepEqual(args(runtime, 'VOLUME'), ['/data']);
  assert.deepEqual(args(runtime, 'WORKDIR').at(-1), '/data', 'the default data directory (./.authline/data) is in the volume');
  const env = args(runtime, 'ENV').join(' ');
  assert.match(env, /\bHOST=0\.0\.0\.0\b/, 'listens on every interface of the container');
  assert.match(env, new RegExp(`\\bPORT=${DEFAULT_PORT}\\b`));
  assert.doesNotMatch(env, /AUTHLINE_DATA_DIR/, 'would clash with DATABASE_URL (the CLI refuses both)');
  assert.deepEqual(args(runtime, 'EXPOSE'), [String(DEFAULT_PORT)]);

  const [health] = args(runtime, 'HEALTHCHECK');
  assert.ok(health, 'a HEALTHCHECK');
  const command = JSON.parse(health.slice(health.indexOf('CMD') + 3).trim()) as string[];
  assert.equal(command[0], 'node', 'node:20-slim has no curl');
  assert.match(command.join(' '), /127\.0\.0\.1:\$\{process\.env\.PORT\}\/health/);

  const entrypoint = JSON.parse(args(runtime, 'ENTRYPOINT')[0]) as string[];
  assert.deepEqual(entrypoint, ['node', '/app/bin/authline.js']);
  assert.deepEqual(JSON.parse(args(runtime, 'CMD')[0]), ['serve']);

  // What the stages copy exists, from the repository or from a named stage.
  for (const stage of all) {
    for (const copy of args(stage, 'COPY')) {
      const words = copy.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const sources = words.filter((w) => !w.startsWith('--')).slice(0, -1);
      if (from) assert.ok(names.includes(from), `COPY --from=${from} names a stage`);
      else for (const source of sources) assert.ok(existsSync(source), `COPY ${source}: no such file in the repository`);
    }
  }
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const run of all.flatMap((s) => args(s, 'RUN'))) {
    for (const [, script] of run.matchAll(/npm run (\S+)/g)) assert.ok(scripts[script], `npm run ${script}`);
  }
  assert.ok(existsSync('.dockerignore'));
  assert.match(readFileSync('.dockerignore', 'utf8'), /^node_modules$/m);
});

test('compose.yaml: authline on PostgreSQL 15, two replicas, started once the database is healthy', () => {
  const compose = parseYaml(readFileSync('compose.yaml', 'utf8')) as {
    services: Record<string, {
      image?: string;
      build?: string;
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      deploy?: { replicas?: number };
      ports?: string[];
      healthcheck?: { test: string[] };
    }>;
    volumes?: Record<string, unknown>;
  };
  const { authline, postgres } = compose.services;
  assert.ok(authline && postgres, 'services authline and postgres');

  assert.equal(postgres.image, 'postgres:15');
  assert.ok(postgres.healthcheck?.test.includes('pg_isready'));
  assert.equal(authline.build, '.', 'built from this repository');
  assert.deepEqual(authline.depends_on, { postgres: { condition: 'service_healthy' } });
  assert.equal(authline.deploy?.replicas, 2);

  const env = postgres.environment!;
  const url = new URL(authline.environment!.DATABASE_URL);
  assert.equal(url.protocol, 'postgres:');
  assert.equal(url.hostname, 'postgres', 'the database service by name');
  assert.equal(url.username, env.POSTGRES_USER);
  assert.equal(url.pathname, `/${env.POSTGRES_DB}`);
  assert.equal(decodeURIComponent(url.password), '${POSTGRES_PASSWORD}');
  assert.match(env.POSTGRES_PASSWORD, /^\$\{POSTGRES_PASSWORD:\?/, 'no password written down');
  assert.match(authline.environment!.AUTHLINE_ADMIN_TOKEN, /^\$\{AUTHLINE_ADMIN_TOKEN:\?/, 'reachable over the network: an admin token');
  assert.equal(authline.environment!.AUTHLINE_DATA_DIR, undefined, 'the CLI refuses it beside DATABASE_URL');

  // One host port per replica, each to the port the image listens on.
  assert.deepEqual(authline.ports, [`8080-8081:${DEFAULT_PORT}`]);
  assert.ok(compose.volumes && 'postgres-data' in compose.volumes);
});
