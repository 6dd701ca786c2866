/**
 * A real authline for black-box tests: store, engine and HTTP server wired
 * through their public entry points, listening on 127.0.0.1, loaded with the
 * conformance schema and data over the admin endpoints as an operator would.
 *
 * Booting PGlite and loading the fixture costs seconds; copying a data
 * directory and booting from it costs a fraction of a second. So each
 * process loads the fixture once into a template data directory (other
 * configurations copy it and upload their own schema), and every server
 * after that starts from a copy: a test that writes gets a store of its own
 * and disturbs nobody. Under `npm test` the loaded templates are shared
 * between the test files of the run too (AUTHLINE_TEST_RUN_DIR).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { createService } from '../../../src/engine/index.js';
import { jsonLogger, startServer } from '../../../src/server/index.js';
import { openStore } from '../../../src/store/index.js';
import { copyTree } from '../../../src/store/backend/cluster-template.js';
import type { StoreOptions } from '../../../src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.js';
import { madeOnce, runDirectory } from '../../support/run-directory.js';
import { conformanceDataJson, conformanceSchema } from './fixture.js';
import type { FixtureNode } from './fixture.js';
import { GraphQLClient } from './graphql.js';
import { signerFor } from './tokens.js';
import type { Algorithm, Signer } from './tokens.js';

export interface AuthlineOptions {
  readonly algorithm: Algorithm;
  /** `"ClosedByDefault"` in the auth line. Default false. */
  readonly closedByDefault?: boolean;
  /** Show the errors Dgraph hides without `--graphql debug=true`. Default true, as Dgraph's e2e harness runs. */
  readonly debug?: boolean;
}

/** A running authline and what its import answered. */
export class Authline extends GraphQLClient {
  constructor(
    url: string,
    signer: Signer,
    private readonly uids: Readonly<Record<string, string>>,
    private readonly stop: () => Promise<void>,
  ) {
    super(url, signer);
  }

  /** The uid the import gave a blank node of the fixture. */
  uid(node: FixtureNode): string {
    const uid = this.uids[node];
    if (uid === undefined) throw new Error(`the import reported no uid for _:${node}`);
    return uid;
  }

  /** POST /admin/import: Dgraph JSON data, loaded bypassing @auth; answers the uids given to its blank nodes. */
  async importData(data: unknown): Promise<Record<string, string>> {
    const answer = (await admin(this.url, '/admin/import', JSON.stringify(data))) as { uids: Record<string, string> };
    return answer.uids;
  }

  close(): Promise<void> {
    return this.stop();
  }
}

/** Calls POST /admin/* from loopback, as an operator's script would. */
async function admin(url: string, path: string, body: string): Promise<unknown> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
  const answer = (await res.json()) as { data?: unknown; errors?: unknown };
  if (res.status !== 200 || answer.errors) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer.data;
}

/** Opens the store, the service over it and the server over that; `stop` closes all three. */
async function serve(storeOptions: StoreOptions, debug: boolean): Promise<{ url: string; stop: () => Promise<void> }> {
  const store = await openStore(storeOptions);
  // The service owns the store from here on and closes it.
  // The fixture's HS256 secret is 21 bytes: the verifier's warning about it is expected, not news.
  const service = await createService({ store, verifier: { logger: () => {} } }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const server = await startServer(service, { host: '127.0.0.1', port: 0, debug, logger: jsonLogger(() => {}) });
  return {
    url: server.url,
    async stop() {
      await server.close();
      await service.close();
    },
  };
}

/** Uploads the conformance schema with the auth line of `signer` over HTTP. */
async function upload(url: string, signer: Signer, closedByDefault: boolean): Promise<void> {
  const uploaded = await admin(url, '/admin/schema', conformanceSchema(signer, closedByDefault));
  if (JSON.stringify(uploaded) !== '{"code":"Success","message":"Done"}') {
    throw new Error(`schema upload answered ${JSON.stringify(uploaded)}`);
  }
}

/** Uploads the schema and imports the data over HTTP; answers the uids the import gave. */
async function load(url: string, signer: Signer, closedByDefault: boolean): Promise<Record<string, string>> {
  await upload(url, signer, closedByDefault);
  const imported = (await admin(url, '/admin/import', conformanceDataJson())) as { uids: Record<string, string> };
  return imported.uids;
}

/** Starts authline on a store of its own, loaded over HTTP: PGlite in memory, or a PostgreSQL database. */
export async function startAuthline(options: AuthlineOptions & { readonly databaseUrl?: string }): Promise<Authline> {
  const signer = await signerFor(options.algorithm);
  const running = await serve(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}, options.debug ?? true);
  try {
    const uids = await load(running.url, signer, options.closedByDefault ?? false);
    return new Authline(running.url, signer, uids, running.stop);
  } catch (error) {
    await running.stop();
    throw error;
  }
}

interface Template {
  readonly dir: string;
  readonly uids: Readonly<Record<string, string>>;
}

/** Data directories live in RAM where there is a tmpfs: copying 40 MB of PGlite files to disk is the slow part. */
const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'authline-e2e-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
let directories = 0;
const newDirectory = (name: string) => join(scratch, `${name}-${++directories}`);

/** The first template of the process: the only one that pays for initdb, upload and import. */
let base: Promise<Template> | undefined;
/** One template per configuration (algorithm, ClosedByDefault). */
const templates = new Map<string, Promise<Template>>();

function templateFor(signer: Signer, closedByDefault: boolean): Promise<Template> {
  const key = `${signer.algorithm}-${closedByDefault ? 'closed' : 'open'}`;
  let template = templates.get(key);
  if (!template) {
    const from = base;
    // A derived one waits for its base before it may keep another file waiting for it (no file then waits for itself).
    template = from
      ? from.then(() => shared(key, (dir) => derive(from, dir, signer, closedByDefault)))
      : shared(key, (dir) => loadTemplate(dir, signer, closedByDefault));
    base ??= template;
    templates.set(key, template);
  }
  return template;
}

/**
 * The template `key`, shared by the run's files (test/support/run-directory.ts;
 * the RS256 key of its auth line is the run's too, tokens.ts), or made here
 * when the file runs on its own.
 */
async function shared(key: string, make: (dir: string) => Promise<Template>): Promise<Template> {
  if (!runDirectory) return make(newDirectory(`template-${key}`));
  const published = await madeOnce(runDirectory, `e2e-template-${key}`, async (dir) => {
    const { uids } = await make(join(dir, 'data'));
    await writeFile(join(dir, 'uids.json'), JSON.stringify(uids));
  });
  return { dir: join(published, 'data'), uids: JSON.parse(readFileSync(join(published, 'uids.json'), 'utf8')) as Record<string, string> };
}

async function loadTemplate(dir: string, signer: Signer, closedByDefault: boolean): Promise<Template> {
  const running = await serve({ dataDir: dir }, true);
  try {
    return { dir, uids: await load(running.url, signer, closedByDefault) };
  } finally {
    await running.stop();
  }
}

/** The same data under another configuration's schema: a copy and an upload. */
async function derive(from: Promise<Template>, dir: string, signer: Signer, closedByDefault: boolean): Promise<Template> {
  const { dir: source, uids } = await from;
  await copyTree(source, dir);
  const running = await serve({ dataDir: dir }, true);
  try {
    await upload(running.url, signer, closedByDefault);
  } finally {
    await running.stop();
  }
  return { dir, uids };
}

/** One loaded database per configuration on the test PostgreSQL server, copied for each test that asks. */
const databaseTemplates = new Map<string, Promise<{ readonly database: TestDatabase; readonly uids: Readonly<Record<string, string>> }>>();

function databaseTemplateFor(signer: Signer, closedByDefault: boolean) {
  const key = `${signer.algorithm}-${closedByDefault ? 'closed' : 'open'}`;
  let template = databaseTemplates.get(key);
  if (!template) {
    template = (async () => {
      const database = await createTestDatabase();
      const running = await serve({ databaseUrl: database.url }, true);
      try {
        return { database, uids: await load(running.url, signer, closedByDefault) };
      } finally {
        // Closed, so that PostgreSQL can copy it.
        await running.stop();
      }
    })();
    databaseTemplates.set(key, template);
  }
  return template;
}

/**
 * Starts authline on a private copy of the loaded fixture, in a data
 * directory of PGlite's or (`backend: 'postgres'`) a database of the test
 * PostgreSQL server. Given a test context, the server closes when the test
 * ends.
 */
export async function freshAuthline(options: AuthlineOptions & { readonly backend?: 'pglite' | 'postgres' }, t?: TestContext): Promise<Authline> {
  if (options.backend === 'postgres') return freshAuthlineOnPostgres(options, t);
  const signer = await signerFor(options.algorithm);
  const template = await templateFor(signer, options.closedByDefault ?? false);
  const dir = newDirectory('copy');
  await copyTree(template.dir, dir);
  const running = await serve({ dataDir: dir }, options.debug ?? true);
  const authline = new Authline(running.url, signer, template.uids, async () => {
    await running.stop();
    await rm(dir, { recursive: true, force: true });
  });
  t?.after(() => authline.close());
  return authline;
}

async function freshAuthlineOnPostgres(options: AuthlineOptions, t?: TestContext): Promise<Authline> {
  const signer = await signerFor(options.algorithm);
  const template = await databaseTemplateFor(signer, options.closedByDefault ?? false);
  const database = await createTestDatabase(template.database);
  const running = await serve({ databaseUrl: database.url }, options.debug ?? true).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const authline = new Authline(running.url, signer, template.uids, async () => {
    await running.stop();
    await database.drop();
  });
  t?.after(() => authline.close());
  return authline;
}
