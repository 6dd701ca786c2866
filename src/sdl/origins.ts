/**
 * `# Dgraph.Allow-Origin "https://app.example.com"` lines: the origins a
 * browser may call the API from. Dgraph scans every line of the upload (not
 * only real comments) and requires exactly three space-separated parts, the
 * last one a JSON string; authline reads them the same way so a schema that
 * Dgraph accepts configures the same origins here.
 */
import { SchemaError } from './errors.js';
import { headerLines } from './header-lines.js';

const HEADER = 'Dgraph.Allow-Origin';

export interface AllowedOrigins {
  readonly origins: string[];
  readonly errors: SchemaError[];
}

export function readAllowedOrigins(text: string): AllowedOrigins {
  const origins = new Set<string>();
  const errors: SchemaError[] = [];
  for (const line of headerLines(text, HEADER)) {
    const origin = originOf(line.text);
    if (origin === undefined) {
      errors.push(
        new SchemaError(
          `incorrect format for specifying Dgraph.Allow-Origin found for comment: \`${line.text}\`, ` +
            'it should be `# Dgraph.Allow-Origin "http://example.com"`',
          [line.at],
        ),
      );
    } else {
      origins.add(origin);
    }
  }
  return { origins: [...origins], errors };
}

function originOf(line: string): string | undefined {
  const parts = line.split(/\s+/);
  if (parts.length !== 3) return undefined;
  try {
    const value: unknown = JSON.parse(parts[2]);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
