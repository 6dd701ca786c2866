// Public API of the authline package, stage by stage (src/README.md).
export { SchemaError, SchemaRejectedError } from './sdl/errors.js';
export type { SourcePosition } from './sdl/errors.js';

export { readAuthorization } from './authline/index.js';
export type { AuthConfig } from './authline/types.js';

export { createVerifier } from './verifier/index.js';
export * from './verifier/errors.js';
export type { Claims, RequestHeaders, Verifier } from './verifier/types.js';
export type { VerifierObserver } from './verifier/observer.js';

export { compileRules } from './rules/index.js';
export type { AuthOperation, AuthPolicy, Decision, Residual } from './rules/policy.js';

export { openStore } from './store/index.js';
export type { StoreObserver, StoreOptions } from './store/index.js';
export type { Store, StoredSchema, ImportResult } from './store/types.js';

export { checkSchema, compileSchema, createService } from './engine/index.js';
export type { AuthlineService, EngineObserver, Health, LoadedSchema, RequestInfo, ServiceOptions } from './engine/index.js';

export { AuthlineMetrics, createApp, startServer } from './server/index.js';
export type { ServerOptions } from './server/index.js';

export { authDirectiveTypeDefs, createAuthline } from './library/index.js';
export type { AuthContext, Authline, AuthlineContext, AuthlineOptions, FieldOperation, HeaderLookup } from './library/index.js';
