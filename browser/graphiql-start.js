// Starts GraphiQL on the page authline serves at /graphql
// (src/server/graphiql/page.ts), after the browser builds of React, ReactDOM
// and GraphiQL have loaded. It is a file of its own, not an inline script, so
// that the page's Content-Security-Policy can refuse every inline script.
(function startGraphiQL() {
  'use strict';
  var NAMESPACE = 'graphiql:';
  // GraphiQL's history (and favorites) keeps each query with its headers in
  // localStorage whatever shouldPersistHeaders says, so a token would stay on
  // disk. These are the keys it uses; what it writes there loses its headers.
  var HISTORY_KEYS = [NAMESPACE + 'queries', NAMESPACE + 'favorites'];

  /** The history without headers, or null (nothing stored) if it is not what we expect. */
  function withoutHeaders(value) {
    try {
      var history = JSON.parse(value);
      history.queries.forEach(function (entry) {
        delete entry.headers;
      });
      return JSON.stringify(history);
    } catch (_) {
      return null;
    }
  }

  function ownKeys() {
    return Object.keys(localStorage).filter(function (key) {
      return key.indexOf(NAMESPACE) === 0;
    });
  }

  /** GraphiQL's own localStorage use, less the headers in its history. */
  var storage = {
    getItem: function (key) {
      return localStorage.getItem(key);
    },
    setItem: function (key, value) {
      var stored = HISTORY_KEYS.indexOf(key) < 0 ? value : withoutHeaders(value);
      if (stored === null) localStorage.removeItem(key);
      else localStorage.setItem(key, stored);
    },
    removeItem: function (key) {
      localStorage.removeItem(key);
    },
    clear: function () {
      ownKeys().forEach(function (key) {
        localStorage.removeItem(key);
      });
    },
    get length() {
      return ownKeys().length;
    },
  };

  var root = document.getElementById('graphiql');
  // GraphiQL's dialogs add a <style> element, stamped with this nonce (the
  // page's CSP allows it) when the global below names it.
  window.__webpack_nonce__ = root.nonce;
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      storage: storage,
      // The schema's auth Header with an empty value, waiting for a token.
      defaultHeaders: root.dataset.defaultHeaders,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers',
      // Tokens are credentials: never written to the browser's storage.
      shouldPersistHeaders: false,
    }),
  );
})();
