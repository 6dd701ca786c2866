/**
 * The GraphiQL page: a static shell that loads the served assets and hands
 * the start script what it needs in attributes. It has no inline script and
 * names no other origin, so its Content-Security-Policy allows scripts from
 * this server only. (No favicon request either: the icon is empty.)
 */
import { randomBytes } from 'node:crypto';
import type { GraphiQLAssets } from './assets.js';

/** A fresh CSP nonce for one page response: 128 random bits. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Only this server: its scripts, stylesheets and GraphQL endpoint; GraphiQL's
 * stylesheet embeds its fonts and a few images as `data:` URLs. The one
 * exception to "no inline code" is the `<style>` element GraphiQL's dialogs
 * add (to lock scrolling behind them), allowed by the page's nonce. No eval,
 * no frames, no forms, no <base>, and no framing of the page by another site
 * (clickjacking a page that holds a token in its header editor).
 */
export function graphiqlCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * What the header editor starts with: the schema's auth Header with an empty
 * value, waiting for a token (an empty header is read as no token); nothing
 * when the schema has no `# Dgraph.Authorization` line.
 */
export function defaultHeaders(authHeader: string | undefined): string {
  return authHeader ? JSON.stringify({ [authHeader]: '' }, null, 2) : '';
}

export function graphiqlPage(assets: GraphiQLAssets, authHeader: string | undefined, nonce: string): string {
  const stylesheets = assets.stylesheets.map((s) => `<link rel="stylesheet" href="${s.path}" />`).join('\n    ');
  const scripts = assets.scripts.map((s) => `<script src="${s.path}"></script>`).join('\n    ');
  // The nonce is on the root element for the start script to pass on to GraphiQL (browsers hide it from CSS selectors).
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>authline · GraphiQL</title>
    <link rel="icon" href="data:," />
    ${stylesheets}
  </head>
  <body>
    <div id="graphiql" nonce="${nonce}" data-default-headers="${escapeAttribute(defaultHeaders(authHeader))}">Loading GraphiQL…</div>
    <noscript>GraphiQL needs JavaScript. Without it, send queries to this URL with curl or any GraphQL client.</noscript>
    ${scripts}
  </body>
</html>
`;
}

/** Text safe inside a double-quoted HTML attribute: a schema's Header name cannot end the attribute or the tag. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
