// Starts GraphiQL on the page authline serves at /graphql
// (src/server/graphiql/page.ts), after the browser builds of React, ReactDOM
// and GraphiQL have loaded. It is a file of its own, not an inline script, so
// that the page's Content-Security-Policy can refuse every inline script.
(function startGraphiQL() {
  'use strict';
  var root = document.getElementById('graphiql');
  // GraphiQL's dialogs add a <style> element, stamped with this nonce (the
  // page's CSP allows it) when the global below names it.
  window.__webpack_nonce__ = root.nonce;
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      // The schema's auth Header with an empty value, waiting for a token.
      defaultHeaders: root.dataset.defaultHeaders,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers',
      // Tokens are credentials: never written to the browser's storage.
      shouldPersistHeaders: false,
    }),
  );
})();
