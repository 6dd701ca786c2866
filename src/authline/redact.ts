/**
 * The SDL as it may be shown without the admin token (GET /admin/schema):
 * every `VerificationKey` of the auth line (the line's own and its
 * `Issuers` entries', JSON or legacy form) and the value of every
 * `# Dgraph.Secret` line become `<redacted>`, and so does any other copy of
 * those values in the text. An HMAC secret read there forges tokens; a
 * public key is no secret, but keys are not shown either way. The
 * placeholder is refused as a key at upload (keys.ts), so a redacted schema
 * posted back fails loudly instead of making `<redacted>` the secret.
 */
import { decodeJsonLine } from './decode-json.js';
import { AUTH_LINE_MARKER } from './find-line.js';
import { endOfString, endOfValue, goFoldEquals, skipSpace } from './go-json.js';
import { goTrimSpace } from './go-text.js';
import { parseLegacyLine } from './legacy.js';

export const REDACTED = '<redacted>';

const SECRET_MARKER = 'Dgraph.Secret';
/** `# Dgraph.Secret NAME "value"`, read as Dgraph splits it: the value is everything after the name. */
const SECRET_LINE = /^(\s*#\s*Dgraph\.Secret\S*\s+\S+\s+)(.*?)(\s*)$/;
/** Copies elsewhere are replaced only from this length on: shorter ones would garble the SDL without hiding anything. */
const MIN_COPY_LENGTH = 8;

export function redactSecrets(sdl: string): string {
  const secrets = new Set<string>();
  const lines = sdl.split('\n').map((line) => {
    const trimmed = goTrimSpace(line).text;
    if (!trimmed.startsWith('#')) return line;
    const directive = goTrimSpace(trimmed.slice(1)).text;
    if (directive.startsWith(AUTH_LINE_MARKER)) return redactAuthLine(line, secrets);
    if (directive.startsWith(SECRET_MARKER)) return redactSecretLine(line, secrets);
    return line;
  });
  let text = lines.join('\n');
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= MIN_COPY_LENGTH && secret !== REDACTED) text = text.split(secret).join(REDACTED);
  }
  return text;
}

/** The configuration is what follows the line's last marker, read as readAuthorization reads it. */
function redactAuthLine(line: string, secrets: Set<string>): string {
  const markerAt = line.lastIndexOf(AUTH_LINE_MARKER);
  const start = markerAt + AUTH_LINE_MARKER.length;
  const config = line.slice(start);
  const spans: [number, number][] = [];
  let json = true;
  try {
    JSON.parse(config);
    spans.push(...verificationKeySpans(config));
  } catch {
    json = false;
  }
  if (!json || decodeJsonLine(config) === null) {
    // Read as the legacy form, as readAuthorization would: its quoted key is the key.
    const legacy = parseLegacyLine(line.slice(markerAt));
    if ('error' in legacy) return `${line.slice(0, start)} ${REDACTED}`; // unreadable: show nothing of it
    const at = legacy.keyAt - AUTH_LINE_MARKER.length;
    spans.push([at, at + legacy.verificationKey.length + 2]);
  }
  let redacted = config;
  for (const [from, to] of merged(spans).reverse()) {
    const value = config.slice(from, to);
    secrets.add(value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);
    redacted = `${redacted.slice(0, from)}"${REDACTED}"${redacted.slice(to)}`;
  }
  return line.slice(0, start) + redacted;
}

/** Spans in order, overlapping ones joined (the legacy reading of a JSON text may overlap its JSON members). */
function merged(spans: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && from < last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

function redactSecretLine(line: string, secrets: Set<string>): string {
  const match = SECRET_LINE.exec(line);
  if (!match || match[2] === '') return line;
  secrets.add(match[2].replace(/^"(.*)"$/, '$1'));
  return `${match[1]}"${REDACTED}"${match[3]}`;
}

/** Where the values of `VerificationKey` members are (any case, any depth) in a JSON text known to be valid. */
function verificationKeySpans(json: string): [number, number][] {
  const spans: [number, number][] = [];
  const walk = (i: number): number => {
    const open = json[i];
    if (open !== '{' && open !== '[') return endOfValue(json, i);
    const close = open === '{' ? '}' : ']';
    i = skipSpace(json, i + 1);
    while (json[i] !== close) {
      if (open === '{') {
        const keyEnd = endOfString(json, i);
        const key = JSON.parse(json.slice(i, keyEnd)) as string;
        const valueStart = skipSpace(json, skipSpace(json, keyEnd) + 1); // past the ':'
        if (goFoldEquals(key, 'VerificationKey')) {
          i = endOfValue(json, valueStart);
          spans.push([valueStart, i]);
        } else {
          i = walk(valueStart);
        }
      } else {
        i = walk(i);
      }
      i = skipSpace(json, i);
      if (json[i] === ',') i = skipSpace(json, i + 1);
    }
    return i + 1;
  };
  walk(skipSpace(json, 0));
  return spans;
}
