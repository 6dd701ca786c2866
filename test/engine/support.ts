/** Runs GraphQL against a service the way the server does: prepare, then execute. */
import { parse, type ExecutionResult } from 'graphql';
import { SignJWT } from 'jose';
import type { AuthlineService } from '../../src/engine/index.js';

export const SECRET = 'engine-test-secret-of-thirty-two-bytes!';
export const NAMESPACE = 'https://authline.test/claims';
export const AUTH_LINE = `# Dgraph.Authorization {"VerificationKey":"${SECRET}","Header":"X-Auth","Namespace":"${NAMESPACE}","Algo":"HS256"}`;

export function token(claims: Record<string, unknown>, expiresIn = '5m'): Promise<string> {
  return new SignJWT({ [NAMESPACE]: claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(SECRET));
}

export async function run(
  service: AuthlineService,
  query: string,
  options: { token?: string; debug?: boolean; variables?: Record<string, unknown> } = {},
): Promise<ExecutionResult> {
  const schema = service.current();
  if (!schema) throw new Error('no schema loaded');
  const prepared = await schema.prepare({
    headers: options.token === undefined ? {} : { 'x-auth': options.token },
    debug: options.debug ?? true,
  });
  if ('errors' in prepared) return { errors: [...prepared.errors] };
  return schema.execute({ document: parse(query), variableValues: options.variables, contextValue: prepared.contextValue });
}

/** The result as plain JSON (GraphQLError objects become {message, path, ...}). */
export function json(result: ExecutionResult): unknown {
  return JSON.parse(JSON.stringify(result));
}

export { eventually } from '../support/eventually.js';
