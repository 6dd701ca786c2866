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
    if (!isAuthLine(trimmed.text)) continue;
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

/** A trimmed line that Dgraph reads as the auth line. */
function isAuthLine(trimmed: string): boolean {
  return trimmed.startsWith('#') && goTrimSpace(trimmed.slice(1)).text.startsWith(AUTH_LINE_MARKER);
}

/**
 * Where `Dgraph.Authorization` appears on a line that is not the auth line
 * (after other text: what `curl -d`, which strips newlines, makes of a
 * schema). Such a mention is never read, so the schema has no auth.
 */
export function misplacedAuthMarkers(sdl: string): SourcePosition[] {
  const found: SourcePosition[] = [];
  for (const { text, line } of goLines(sdl)) {
    if (!text.includes(AUTH_LINE_MARKER) || isAuthLine(goTrimSpace(text).text)) continue;
    found.push({ line, column: text.indexOf(AUTH_LINE_MARKER) + 1 });
  }
  return found;
}
