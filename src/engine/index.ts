// The engine: upload pipeline, request auth, execution with Dgraph's answers.
export { createService, type ServiceOptions } from './service.js';
export { CUSTOM_DEFAULTS, type CustomOptions } from './custom/options.js';
export { checkSchema, compileSchema, schemaWarnings, type CompiledSchema, type CompileResult } from './compile-schema.js';
export type { SchemaWarning, SchemaWarningCode } from './schema-warnings.js';
export type { AuthlineService, Health, LoadedSchema, OperationArgs, RequestInfo, RequestHeaders } from './types.js';
export type { EngineObserver, TokenOutcomeKind } from './observer.js';
export { DEFAULT_QUERY_EDGE_LIMIT } from './request-budget.js';
