/**
 * The files the GraphiQL page loads, served by authline itself so that the
 * page works with no network beyond this server: the browser builds of
 * React, ReactDOM and GraphiQL from their installed npm packages (pinned to
 * exact versions in package.json), and authline's own start script.
 *
 * Each file is read once, on first use, and published under a hash of its
 * bytes (`/graphiql/<hash>/<name>`): an upgrade changes the URL, so browsers
 * may cache every asset forever, and a stale page never mixes versions.
 * Packages are found the way Node finds them from this module, so a copy of
 * authline installed from the registry or from a tarball serves the files of
 * its own dependencies.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** Where the assets live on the server; the page refers to them by absolute path. */
export const ASSET_PREFIX = '/graphiql';

export interface Asset {
  /** The file name at the end of the URL, e.g. `graphiql.min.js`. */
  readonly name: string;
  readonly contentType: string;
  /** The first 16 hex digits of the SHA-256 of `body`: the URL's version segment and the ETag. */
  readonly hash: string;
  /** `/graphiql/<hash>/<name>`. */
  readonly path: string;
  readonly body: Buffer;
  /** `body` gzip-compressed, for the browsers that accept it (all of them). */
  readonly gzipped: Buffer;
}

export interface GraphiQLAssets {
  /** GraphiQL's, then the page's own. */
  readonly stylesheets: readonly Asset[];
  /** In the order the page must run them: React, ReactDOM, GraphiQL, the start script. */
  readonly scripts: readonly Asset[];
  /** The asset a `/graphiql/<hash>/<name>` request names, if any (a stale hash names none). */
  find(hash: string, name: string): Asset | undefined;
}

const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

const requireHere = createRequire(import.meta.url);

/** A file inside an installed package, found from its package.json (every one of them exports it). */
function packageFile(pkg: string, file: string): string {
  return join(dirname(requireHere.resolve(`${pkg}/package.json`)), file);
}

/** The page's own files ship in the package's `browser/` folder: `../../../` is the package root from src/ and dist/ alike. */
function ownFile(file: string): string {
  return fileURLToPath(new URL(`../../../browser/${file}`, import.meta.url));
}

/** A file to serve: its URL name and type, and where it is (resolved on first load, so a missing package fails a request, not startup). */
interface AssetSource {
  readonly name: string;
  readonly contentType: string;
  readonly file: () => string;
}

const STYLESHEETS: readonly AssetSource[] = [
  { name: 'graphiql.min.css', contentType: CSS, file: () => packageFile('graphiql', 'graphiql.min.css') },
  { name: 'graphiql-page.css', contentType: CSS, file: () => ownFile('graphiql-page.css') },
];
const SCRIPTS: readonly AssetSource[] = [
  { name: 'react.production.min.js', contentType: JS, file: () => packageFile('react', 'umd/react.production.min.js') },
  { name: 'react-dom.production.min.js', contentType: JS, file: () => packageFile('react-dom', 'umd/react-dom.production.min.js') },
  { name: 'graphiql.min.js', contentType: JS, file: () => packageFile('graphiql', 'graphiql.min.js') },
  { name: 'graphiql-start.js', contentType: JS, file: () => ownFile('graphiql-start.js') },
];

const gzipAsync = promisify(gzip);

async function load(source: AssetSource): Promise<Asset> {
  const body = await readFile(source.file());
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return {
    name: source.name,
    contentType: source.contentType,
    hash,
    path: `${ASSET_PREFIX}/${hash}/${source.name}`,
    body,
    gzipped: await gzipAsync(body),
  };
}

let loading: Promise<GraphiQLAssets> | undefined;

/**
 * The assets, loaded on first call and kept for the life of the process
 * (about 1.5 MB, 0.6 MB gzipped). A failed load (a package missing from the
 * install) is not remembered, so the error is reported on every request
 * rather than once.
 */
export function graphiqlAssets(): Promise<GraphiQLAssets> {
  loading ??= loadAll().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

async function loadAll(): Promise<GraphiQLAssets> {
  const all = await Promise.all([...STYLESHEETS, ...SCRIPTS].map(load));
  const byPath = new Map(all.map((a) => [a.path, a]));
  return {
    stylesheets: all.slice(0, STYLESHEETS.length),
    scripts: all.slice(STYLESHEETS.length),
    find: (hash, name) => byPath.get(`${ASSET_PREFIX}/${hash}/${name}`),
  };
}
