/**
 * JWKUrl/JWKUrls values that can never be fetched are upload errors, worded
 * as Go's HTTP client words them (Dgraph fails the upload with that error
 * when it fetches the keys). Beyond Dgraph, `file://` URLs name a local JWKS
 * file, for development and air-gapped setups.
 */
import { fileURLToPath } from 'node:url';

export function checkJwkUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)
      ? `parse "${url}": invalid URL`
      : `Get "${url}": unsupported protocol scheme ""`;
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme === 'http' || scheme === 'https') return null;
  if (scheme !== 'file') return `Get "${url}": unsupported protocol scheme "${scheme}"`;
  try {
    fileURLToPath(parsed);
    return null;
  } catch {
    return `Get "${url}": a file URL must name an absolute path on this machine (file:///path/to/jwks.json)`;
  }
}

/** Plain HTTP to another machine: anyone on the path could swap the keys (a warning at load; an error for a discovered key set). */
export function isInsecureUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(hostname);
}
