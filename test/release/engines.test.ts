/**
 * `engines` says Node >= 20, so every package `npm ci` installs must accept
 * Node 20 (else npm prints EBADENGINE warnings, and the package may use what
 * Node 20 lacks). Read from the lockfile, which records each package's
 * `engines`: the lowest Node our range admits and the Node running the tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import semver from 'semver';

interface LockedPackage {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockedPackage> };

test('every locked package accepts the Node versions package.json promises', () => {
  const lowest = semver.minVersion(pkg.engines.node);
  assert.ok(lowest && lowest.major === 20, `engines.node is ${pkg.engines.node}`);
  const refused: string[] = [];
  let checked = 0;
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = Array.isArray(entry.engines) ? undefined : (entry.engines as { node?: string } | undefined)?.node;
    if (range === undefined) continue;
    checked++;
    for (const node of [lowest.version, process.versions.node]) {
      if (!semver.satisfies(node, range)) refused.push(`${path}@${entry.version} wants node ${range}, not ${node}`);
    }
  }
  assert.ok(checked > 50, `only ${checked} packages declare engines: is this the lockfile?`);
  assert.deepEqual(refused, []);
});
