/**
 * RFC 7230 §3.2.6 `token`: what an HTTP header name (and, by RFC 6265, a
 * cookie name) may be. A `Header` with CR, LF, spaces or colons in it would
 * be echoed into CORS answers (`Access-Control-Allow-Headers`) and make
 * Node refuse to write every one of them, so it is refused at upload.
 */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isHttpToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN.test(value);
}
