/**
 * Tokens for the bench, signed with the test-only fixture keys: HS256 with
 * the fixture secret, RS256 with the fixture `rsa` key (kid `rsa`), whose
 * public half the bench serves as a JWKS on 127.0.0.1.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { jwks, key } from '../../fixtures/index.js';
import { AUDIENCE, HS256_SECRET, NAMESPACE } from './schema.js';

export type Claims = Readonly<Record<string, unknown>>;

/** Valid for two hours: longer than any run. */
export function hs256(claims: Claims): Promise<string> {
  return base(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(HS256_SECRET));
}

export function rs256(claims: Claims): Promise<string> {
  return base(claims).setProtectedHeader({ alg: 'RS256', kid: 'rsa' }).sign(key('rsa').privateKey);
}

function base(claims: Claims): SignJWT {
  return new SignJWT({ [NAMESPACE]: claims }).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('2h');
}

/** Serves the fixture key set at /jwks.json, with a ten-minute cache lifetime, as identity providers do. */
export async function serveJwks(): Promise<{ url: string; close: () => Promise<void> }> {
  const body = JSON.stringify(jwks('primary'));
  const server = createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.statusCode = 404;
      return void res.end();
    }
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'public, max-age=600');
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
