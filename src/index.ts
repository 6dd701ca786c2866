// Public API of the authline package. Stages export their entry points here as they land.
export { SchemaError, SchemaRejectedError } from './sdl/errors.js';
export type { SourcePosition } from './sdl/errors.js';
