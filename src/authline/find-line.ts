/**
 * Finds the `# Dgraph.Authorization` line exactly as Dgraph does: the raw
 * text is scanned line by line (not as GraphQL, so a qualifying line inside a
 * description counts too); a trimmed line that starts with `#` and, after the
 * `#` and more trimming, with the case-sensitive `Dgraph.Authorization`
 * qualifies, anywhere in the schema. A second one is an error.
 */
import { SchemaError } from '../sdl/errors.js';
import type { SourcePosition } from '../sdl/errors.js';
import { goLines, goTrimSpace } from './go-text.js';

export const AUTH_LINE_MARKER = 'Dgraph.Authorization';

export interface AuthLine {
  /** The whole line, trimmed: what Dgraph hands to its parser. */
  readonly text: string;
  /** Where the line's `#` is. */
  readonly loc: SourcePosition;
}

export type FoundAuthLine =
  | { readonly line: AuthLine | null; readonly error?: undefined }
  | { readonly line?: undefined; readonly error: SchemaError };

export function findAuthorizationLine(sdl: string): FoundAuthLine {
  let found: AuthLine | null = null;
  for (const { text, line } of goLines(sdl)) {
    const trimmed = goTrimSpace(text);
    if (!trimmed.text.startsWith('#')) continue;
    if (!goTrimSpace(trimmed.text.slice(1)).text.startsWith(AUTH_LINE_MARKER)) continue;
    const loc = { line, column: trimmed.start + 1 };
    if (found) {
      // Dgraph stops at the second mention, before reading either line.
      return {
        error: new SchemaError(
          `Dgraph.Authorization should be only be specified once in a schema, found second mention: ${trimmed.text}`,
          [loc, found.loc],
        ),
      };
    }
    found = { text: trimmed.text, loc };
  }
  return { line: found };
}
