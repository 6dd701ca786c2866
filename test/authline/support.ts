/** Reads a schema whose last line is `line`, as an upload would. */
import assert from 'node:assert/strict';
import { readAuthorization } from '../../src/authline/index.js';
import type { AuthConfig } from '../../src/authline/index.js';

export const TYPES = 'type Todo {\n  id: ID!\n  owner: String @search(by: [hash])\n}\n';

export function read(line: string): ReturnType<typeof readAuthorization> {
  return readAuthorization(`${TYPES}${line}\n`);
}

/** The config of a line that must be accepted. */
export function accepted(line: string): AuthConfig {
  const { config, errors } = read(line);
  assert.deepEqual(errors.map((e) => e.message), []);
  assert.ok(config);
  return config;
}

/** The messages of a line that must be refused (each located at the line). */
export function refused(line: string): string[] {
  const { config, errors } = read(line);
  assert.equal(config, null);
  assert.ok(errors.length > 0, 'expected errors');
  for (const error of errors) assert.deepEqual(error.locations, [{ line: 5, column: 1 }]);
  return errors.map((e) => e.message);
}

/** A JSON line from an object (compact, as Dgraph's docs write it). */
export function jsonLine(fields: Record<string, unknown>): string {
  return `# Dgraph.Authorization ${JSON.stringify(fields)}`;
}

export const HS = { VerificationKey: 'secretkey', Header: 'X-Test-Auth', Namespace: 'https://xyz.io/jwt/claims', Algo: 'HS256' };
