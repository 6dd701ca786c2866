/**
 * In-memory stores start from a copy of one template cluster instead of
 * running initdb each (store/backend/cluster-template.ts). The template is
 * made once, is private, and one that could have been planted or left half
 * made is never copied.
 */
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedCluster } from '../../src/store/backend/cluster-template.js';
import { openPglite } from '../../src/store/backend/pglite.js';

const systemTmp = tmpdir();
let scratch: string;
beforeEach(() => {
  // os.tmpdir() reads TMPDIR on every call: each test gets a temporary directory of its own.
  scratch = mkdtempSync(join(systemTmp, 'authline-template-test-'));
  process.env.TMPDIR = scratch;
});
afterEach(() => {
  process.env.TMPDIR = systemTmp;
  rmSync(scratch, { recursive: true, force: true });
});

/** A stand-in for initdb that counts its runs and leaves what a cluster has at its top. */
function fakeInitdb() {
  const runs: string[] = [];
  const initialise = async (dir: string) => {
    runs.push(dir);
    writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base', 'made-by'), `run ${runs.length}`);
  };
  return { runs, initialise };
}

function templates(): string[] {
  return readdirSync(scratch).filter((name) => name.startsWith('authline-pglite-cluster-'));
}

function emptyDataDir(): string {
  const dir = mkdtempSync(join(scratch, 'data-'));
  writeFileSync(join(dir, 'authline.lock'), 'ours');
  return dir;
}

test('the first store makes the private template, later ones copy it without running initdb again', async () => {
  const { runs, initialise } = fakeInitdb();
  const first = emptyDataDir();
  assert.equal(await seedCluster(first, { initialise, keep: ['authline.lock'] }), true);
  const second = emptyDataDir();
  assert.equal(await seedCluster(second, { initialise, keep: ['authline.lock'], flush: true }), true);

  assert.equal(runs.length, 1, 'initdb ran once');
  const [template] = templates();
  assert.ok(template, 'the template stays for the next process');
  assert.equal(statSync(join(scratch, template)).mode & 0o777, 0o700);
  for (const dir of [first, second]) {
    assert.equal(readFileSync(join(dir, 'base', 'made-by'), 'utf8'), 'run 1');
    assert.equal(readFileSync(join(dir, 'authline.lock'), 'utf8'), 'ours', 'the lock is kept');
  }
  assert.deepEqual(readdirSync(scratch).filter((name) => name.includes('staging')), [], 'no staging directory is left');
});

test('a template open to other users\' writes is replaced, a link is never copied', async () => {
  const { initialise } = fakeInitdb();
  await seedCluster(emptyDataDir(), { initialise, keep: ['authline.lock'] });
  const [template] = templates();
  const path = join(scratch, template);
  writeFileSync(join(path, 'base', 'made-by'), 'planted');

  chmodSync(path, 0o777);
  const open = emptyDataDir();
  assert.equal(await seedCluster(open, { initialise, keep: ['authline.lock'] }), true);
  assert.equal(readFileSync(join(open, 'base', 'made-by'), 'utf8'), 'run 2', 'a new template replaced the open one');
  assert.equal(statSync(path).mode & 0o777, 0o700);

  rmSync(path, { recursive: true });
  const elsewhere = mkdtempSync(join(scratch, 'elsewhere-'));
  writeFileSync(join(elsewhere, 'PG_VERSION'), '17\n');
  symlinkSync(elsewhere, path);
  const linked = emptyDataDir();
  assert.equal(await seedCluster(linked, { initialise, keep: ['authline.lock'] }), false);
  assert.deepEqual(readdirSync(linked), ['authline.lock']);
});

test('a template missing a file it was made with, or with a file cut short, is made again', async () => {
  const { runs, initialise } = fakeInitdb();
  await seedCluster(emptyDataDir(), { initialise, keep: ['authline.lock'] });
  const [template] = templates();
  rmSync(join(scratch, template, 'base', 'made-by'));
  const first = emptyDataDir();
  assert.equal(await seedCluster(first, { initialise, keep: ['authline.lock'] }), true);
  assert.equal(readFileSync(join(first, 'base', 'made-by'), 'utf8'), 'run 2');
  writeFileSync(join(scratch, template, 'PG_VERSION'), '1');
  const second = emptyDataDir();
  assert.equal(await seedCluster(second, { initialise, keep: ['authline.lock'] }), true);
  assert.equal(readFileSync(join(second, 'base', 'made-by'), 'utf8'), 'run 3');
  assert.equal(runs.length, 3);
  assert.ok(!readdirSync(second).includes('authline-template.json'), 'the manifest stays with the template');
});

test('an initdb that fails leaves no template and the data directory as it was', async () => {
  const failing = async (dir: string) => {
    writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    throw new Error('initdb died');
  };
  const dir = emptyDataDir();
  assert.equal(await seedCluster(dir, { initialise: failing, keep: ['authline.lock'] }), false);
  assert.deepEqual(templates(), []);
  assert.deepEqual(readdirSync(dir), ['authline.lock']);
  assert.deepEqual(readdirSync(scratch).filter((name) => name.includes('staging')), []);
});

test('a directory that already holds other files is not new: nothing is copied into it', async () => {
  const { runs, initialise } = fakeInitdb();
  const dir = emptyDataDir();
  writeFileSync(join(dir, 'notes.txt'), 'the user\'s');
  assert.equal(await seedCluster(dir, { initialise, keep: ['authline.lock'] }), false);
  assert.deepEqual(readdirSync(dir).sort(), ['authline.lock', 'notes.txt']);
  assert.equal(runs.length, 0);
});

test('stores started from the template are real clusters, each with data of its own', async () => {
  // The machine's own template (made here if no store made it before), not a scratch one: initdb costs seconds.
  process.env.TMPDIR = systemTmp;
  const a = await openPglite();
  try {
    await a.query('CREATE TABLE only_in_a (v text)');
    await a.query(`INSERT INTO only_in_a VALUES ('a')`);
    const b = await openPglite();
    try {
      assert.deepEqual(await b.query(`SELECT to_regclass('only_in_a') AS t`), [{ t: null }]);
      await b.query('CREATE TABLE only_in_b (v text)');
      assert.deepEqual(await a.query('SELECT v FROM only_in_a'), [{ v: 'a' }]);
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
  }
  const made = readdirSync(systemTmp).filter((name) => name.startsWith('authline-pglite-cluster-'));
  assert.ok(made.some((name) => existsSync(join(systemTmp, name, 'PG_VERSION'))), 'the template stays for the next store');
});
