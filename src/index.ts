/**
 * The authline package. Two ways to use it:
 *   - library mode: authline's auth on your own executable schema
 *     (`createAuthline`, docs/library.md);
 *   - the service: a store, the schema it serves and Dgraph's generated API,
 *     behind the HTTP server (`openStore`, `createService`, `startServer`;
 *     `authline serve` wires the same, docs/http.md).
 * Errors are under `errors`, each with a stable `code` (docs/http.md#error-codes).
 * Nothing else is public: the stages behind these (src/README.md) may change.
 */
export { authDirectiveTypeDefs, createAuthline } from './library/index.js';
export type { AuthContext, Authline, AuthlineContext, AuthlineOptions, FieldOperation, HeaderLookup } from './library/index.js';

export { openStore } from './store/index.js';
export type { ImportResult, Store, StoreObserver, StoreOptions, StoredSchema } from './store/index.js';

export { checkSchema, createService } from './engine/index.js';
export type { AuthlineService, EngineObserver, Health, LoadedSchema, RequestInfo, ServiceOptions } from './engine/index.js';

export { ADMIN_TOKEN_HEADER, AuthlineMetrics, createApp, jsonLogger, startServer } from './server/index.js';
export type { IntrospectionPolicy, Logger, LogFields, RunningServer, ServerOptions } from './server/index.js';

// What the types above are made of.
export type { AuthConfig } from './authline/types.js';
export type { AuthOperation } from './rules/policy.js';
export type { SourcePosition } from './sdl/errors.js';
export type { Claims, JwksStatus, RequestHeaders, VerifierObserver, VerifierOptions, VerifierWarning, VerifierWarningCode } from './verifier/index.js';

export * as errors from './errors.js';
export type { ErrorCode } from './errors.js';
