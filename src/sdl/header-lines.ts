/**
 * Dgraph's `# Dgraph.<Header> ...` configuration lines (`Allow-Origin`,
 * `Secret`): Dgraph scans every line of the upload for them, real comments
 * or not, trimmed, the header right after the `#`.
 */
import type { SourcePosition } from './errors.js';

export interface HeaderLine {
  /** The line, trimmed. */
  readonly text: string;
  /** Where its `#` is. */
  readonly at: SourcePosition;
}

export function headerLines(text: string, header: string): HeaderLine[] {
  const out: HeaderLine[] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line.startsWith('#') && line.slice(1).trim().startsWith(header)) {
      out.push({ text: line, at: { line: index + 1, column: rawLine.indexOf('#') + 1 } });
    }
  });
  return out;
}
