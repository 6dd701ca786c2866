/** Schema errors the way compilers print them, so editors and CI can jump to them. */
import type { SchemaError } from '../sdl/errors.js';

export function formatSchemaErrors(file: string, errors: readonly SchemaError[]): string {
  return errors
    .map((e) => {
      const at = e.locations[0];
      return at ? `${file}:${at.line}:${at.column}: ${e.message}\n` : `${file}: ${e.message}\n`;
    })
    .join('');
}
