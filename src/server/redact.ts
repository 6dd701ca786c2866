/**
 * Keeps credentials out of logs. Request logs never include header values,
 * but an error thrown deep inside may quote one (a token in a message), so
 * error texts are scrubbed of every credential the request carried.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Headers that carry credentials whatever the schema says. */
const CREDENTIAL_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'x-authline-admin-token',
  'x-dgraph-authtoken',
  'x-dgraph-accesstoken',
];

/** Shorter values are left alone: replacing them would garble messages without protecting anything. */
const MIN_SECRET_LENGTH = 8;

/** Every credential the request carries: whole header values, Bearer-stripped tokens, cookie values. */
export function credentialsOf(headers: IncomingHttpHeaders, authHeader?: string): string[] {
  const names = authHeader ? [...CREDENTIAL_HEADERS, authHeader.toLowerCase()] : CREDENTIAL_HEADERS;
  const found = new Set<string>();
  for (const name of names) {
    const raw = headers[name];
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      found.add(value);
      for (const part of value.split(/[\s;,]+/)) {
        const eq = part.indexOf('=');
        found.add(part);
        if (eq > 0) found.add(part.slice(eq + 1));
      }
    }
  }
  // Longest first, so a whole value is replaced before the token inside it.
  return [...found].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}
