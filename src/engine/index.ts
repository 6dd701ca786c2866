// The engine: upload pipeline, request auth, execution with Dgraph's answers.
export { createService, type ServiceOptions } from './service.js';
export { CUSTOM_DEFAULTS, type CustomOptions } from './custom/options.js';
export { checkSchema, compileSchema, type CompiledSchema, type CompileResult } from './compile-schema.js';
export type { AuthlineService, Health, LoadedSchema, RequestInfo, RequestHeaders } from './types.js';
export type { EngineObserver, TokenOutcomeKind } from './observer.js';
