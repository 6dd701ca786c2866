/**
 * GraphiQL for people who open /graphql in a browser, served entirely by
 * authline (no CDN): the page on /graphql, its assets on /graphiql/<hash>/*.
 *
 * Caching: an asset's URL carries a hash of its bytes, so it is cached
 * forever (`immutable`, with an ETag for the odd revalidation). The page
 * names the current hashes and carries a CSP nonce of its own, so it is never
 * stored (`no-store`): an upgrade or a new schema Header shows at once, and
 * no cache replays a nonce.
 */
import { graphiqlAssets } from '../graphiql/assets.js';
import { graphiqlCsp, graphiqlPage, newNonce } from '../graphiql/page.js';
import type { AuthlineMiddleware } from '../state.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Answers GET requests that prefer HTML with the GraphiQL page; everything else passes on. */
export function graphiql(): AuthlineMiddleware {
  return async function serveGraphiQL(ctx, next) {
    // /graphql answers HTML or JSON by Accept: no cache may hand one to a client that asked for the other.
    ctx.vary('Accept');
    const wantsPage =
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      ctx.accepts('application/graphql-response+json', 'application/json', 'text/html') === 'text/html';
    if (!wantsPage) return next();
    const assets = await graphiqlAssets();
    const nonce = newNonce();
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', graphiqlCsp(nonce));
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.body = graphiqlPage(assets, ctx.state.schema?.auth?.header, nonce);
  };
}

/** Serves `/graphiql/:hash/:name`; a hash that is not the current one is a 404 (the page that named it is stale). */
export function graphiqlAsset(): AuthlineMiddleware {
  return async function serveGraphiQLAsset(ctx, next) {
    const asset = (await graphiqlAssets()).find(String(ctx.params.hash), String(ctx.params.name));
    if (!asset) return next();
    ctx.set('Cache-Control', IMMUTABLE);
    ctx.vary('Accept-Encoding');
    ctx.set('X-Content-Type-Options', 'nosniff');
    const gzipped = ctx.acceptsEncodings('gzip', 'identity') === 'gzip';
    // Each encoding is a representation of its own, with an ETag of its own.
    ctx.status = 200;
    ctx.type = asset.contentType;
    ctx.etag = `"${asset.hash}${gzipped ? '.gz' : ''}"`;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    if (gzipped) ctx.set('Content-Encoding', 'gzip');
    ctx.body = gzipped ? asset.gzipped : asset.body;
  };
}
