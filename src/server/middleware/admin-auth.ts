/**
 * Guards /admin/*. With an admin token configured, a request must carry it in
 * `X-Authline-Admin-Token` (or Dgraph's `X-Dgraph-AuthToken`, so Dgraph
 * scripts keep working), compared in constant time. Without one, only this
 * machine may administer, and not through a browser page from elsewhere:
 * the client address must be loopback, the Host header a loopback name (a
 * DNS-rebinding page presents its own name), and an Origin, when sent, must
 * be that same host (a cross-site form post carries the attacker's origin).
 * A request relayed by a proxy on this machine is refused as well: its
 * loopback address says nothing about the real client.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { respondWithError } from '../errors.js';
import type { ServerContext, AuthlineMiddleware } from '../state.js';

export const ADMIN_TOKEN_HEADER = 'X-Authline-Admin-Token';
const DGRAPH_TOKEN_HEADER = 'X-Dgraph-AuthToken';

export function adminAuth(adminToken: string | undefined): AuthlineMiddleware {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return async function requireAdmin(ctx, next) {
    if (expected) {
      const offered = offeredAdminToken(ctx);
      if (!offered) {
        return respondWithError(ctx, 401, 'ErrorUnauthorized', `Admin token required: send it in the ${ADMIN_TOKEN_HEADER} header.`);
      }
      if (!matches(offered, expected)) {
        return respondWithError(ctx, 401, 'ErrorUnauthorized', `Invalid admin token in the ${ADMIN_TOKEN_HEADER} header.`);
      }
      return next();
    }
    if (!isLoopbackAddress(ctx.req.socket.remoteAddress)) {
      return respondWithError(
        ctx,
        401,
        'ErrorUnauthorized',
        'Admin endpoints answer only clients on this machine when no admin token is configured; start authline with --admin-token (or AUTHLINE_ADMIN_TOKEN) and send it in the X-Authline-Admin-Token header.',
      );
    }
    if (!isLoopbackHost(ctx.host) || !isSameHostOrigin(ctx) || isProxied(ctx)) {
      return respondWithError(
        ctx,
        403,
        'FORBIDDEN',
        'Admin requests through a proxy, a browser page or a non-local host name are refused when no admin token is configured; configure --admin-token to administer remotely.',
      );
    }
    return next();
  };
}

/**
 * Whether the request carries the configured admin token (false when none
 * is configured): routes other than /admin/* ask it for admin-only extras.
 */
export function carriesAdminToken(ctx: ServerContext, adminToken: string | undefined): boolean {
  const offered = offeredAdminToken(ctx);
  return adminToken !== undefined && offered !== '' && matches(offered, digest(adminToken));
}

function offeredAdminToken(ctx: ServerContext): string {
  return ctx.get(ADMIN_TOKEN_HEADER) || ctx.get(DGRAPH_TOKEN_HEADER);
}

/** Comparing digests keeps the comparison constant-time whatever the lengths. */
function matches(offered: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(offered), expected);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/** `host` as in the Host header: name or address, with an optional port. */
export function isLoopbackHost(host: string): boolean {
  const name = hostName(host).toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'];

function isProxied(ctx: ServerContext): boolean {
  return PROXY_HEADERS.some((name) => ctx.headers[name] !== undefined);
}

function isSameHostOrigin(ctx: ServerContext): boolean {
  const origin = ctx.get('Origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === ctx.host;
  } catch {
    return false;
  }
}
