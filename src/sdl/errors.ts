/**
 * Errors found in an uploaded SDL. Every stage that reads the upload (the
 * auth line, the type model, the generated API, the @auth rules) reports its
 * mistakes as SchemaErrors so that one upload lists them all together, each
 * with Dgraph's message text and, beyond Dgraph, where it is in the SDL.
 * Their code is SCHEMA_INVALID (docs/http.md lists every code).
 */

/** 1-based line and column in the uploaded SDL text. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  readonly code = 'SCHEMA_INVALID';
  readonly locations: readonly SourcePosition[];

  constructor(message: string, locations: readonly SourcePosition[] = []) {
    super(message);
    this.locations = locations;
  }

  toJSON(): { message: string; locations?: SourcePosition[] } {
    return this.locations.length > 0
      ? { message: this.message, locations: [...this.locations] }
      : { message: this.message };
  }
}

/** Thrown when an upload has one or more errors; the upload changes nothing. */
export class SchemaRejectedError extends Error {
  override readonly name = 'SchemaRejectedError';
  readonly code = 'SCHEMA_INVALID';
  readonly errors: readonly SchemaError[];

  constructor(errors: readonly SchemaError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }
}

/** Errors in the order they stand in the SDL (those without a position last), stable otherwise. */
export function inSourceOrder(errors: readonly SchemaError[]): SchemaError[] {
  const place = (e: SchemaError) => e.locations[0] ?? { line: Number.MAX_SAFE_INTEGER, column: 0 };
  // Array.prototype.sort is stable, so errors at one place keep their order.
  return [...errors].sort((a, b) => place(a).line - place(b).line || place(a).column - place(b).column);
}
