/**
 * `# Dgraph.Secret NAME "value"` lines: values a schema names in the
 * `secretHeaders` and `introspectionHeaders` of `@custom(http: ...)`
 * without writing them into the directive. Read as Dgraph reads them:
 * every line of the upload, split on white space, the name the third part
 * and the value everything after it, which must be one double-quoted
 * string. (GET /admin/schema shows them redacted: authline/redact.ts.)
 */
import { SchemaError } from './errors.js';
import { headerLines } from './header-lines.js';

const HEADER = 'Dgraph.Secret';

export interface Secrets {
  /** Name → value; a later line with the same name wins, as in Dgraph. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly errors: SchemaError[];
}

export function readSecrets(text: string): Secrets {
  const secrets = new Map<string, string>();
  const errors: SchemaError[] = [];
  for (const line of headerLines(text, HEADER)) {
    const secret = secretOf(line.text);
    if (secret === undefined) {
      errors.push(
        new SchemaError(`incorrect format for specifying Dgraph secret found for comment: \`${line.text}\`, it should be \`# Dgraph.Secret key value\``, [
          line.at,
        ]),
      );
    } else {
      secrets.set(secret.name, secret.value);
    }
  }
  return { secrets, errors };
}

function secretOf(line: string): { name: string; value: string } | undefined {
  const parts = line.split(/\s+/);
  if (parts.length < 4) return undefined;
  const value = parts.slice(3).join(' ');
  if (value.split('"').length !== 3 || !value.startsWith('"') || !value.endsWith('"')) return undefined;
  return { name: parts[2].replace(/^"+|"+$/g, ''), value: value.slice(1, -1) };
}
