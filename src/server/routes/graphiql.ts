/**
 * GraphiQL for people who open /graphql in a browser. The page is ours; the
 * GraphiQL and React bundles come from the unpkg CDN, pinned to exact
 * versions with Subresource Integrity hashes, so a changed file on the CDN is
 * refused by the browser rather than run. The header editor is open and
 * pre-filled with the schema's auth Header, ready for a token.
 */
import type { AuthlineMiddleware } from '../state.js';

const ASSETS = {
  css: {
    href: 'https://unpkg.com/graphiql@3.8.3/graphiql.min.css',
    integrity: 'sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM',
  },
  scripts: [
    {
      src: 'https://unpkg.com/react@18.3.1/umd/react.production.min.js',
      integrity: 'sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z',
    },
    {
      src: 'https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js',
      integrity: 'sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1',
    },
    {
      src: 'https://unpkg.com/graphiql@3.8.3/graphiql.min.js',
      integrity: 'sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie',
    },
  ],
};

/** Answers GET requests that prefer HTML with GraphiQL; everything else passes on. */
export function graphiql(): AuthlineMiddleware {
  return async function serveGraphiQL(ctx, next) {
    const wantsPage =
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      ctx.accepts('application/graphql-response+json', 'application/json', 'text/html') === 'text/html';
    if (!wantsPage) return next();
    const authHeader = ctx.state.schema?.auth?.header;
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page(authHeader ? { [authHeader]: '' } : {});
  };
}

function page(defaultHeaders: Readonly<Record<string, string>>): string {
  const css = `<link rel="stylesheet" href="${ASSETS.css.href}" integrity="${ASSETS.css.integrity}" crossorigin="anonymous" />`;
  const scripts = ASSETS.scripts
    .map((s) => `<script src="${s.src}" integrity="${s.integrity}" crossorigin="anonymous"></script>`)
    .join('\n    ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>authline · GraphiQL</title>
    <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
    ${css}
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL from unpkg.com…</div>
    ${scripts}
    <script>
      const fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
      ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, {
          fetcher,
          defaultHeaders: ${scriptJson(JSON.stringify(defaultHeaders, null, 2))},
          isHeadersEditorEnabled: true,
          defaultEditorToolsVisibility: 'headers',
          shouldPersistHeaders: false,
        }),
      );
    </script>
  </body>
</html>
`;
}

/** A JSON string literal safe inside a <script> element (no `</script>`, no HTML comment tricks). */
function scriptJson(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
