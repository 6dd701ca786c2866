/**
 * Table-driven reads, the shape of Dgraph's own e2e tests: one query, and
 * per case the claims it is sent with and the exact data expected back.
 */
import { test } from 'node:test';
import { assertData } from './assert.js';
import type { Authline } from './authline.js';
import { describeVars } from './suite.js';
import type { AuthVars, TokenOptions } from './tokens.js';

export interface ReadCase {
  /** Claims of the token sent (none: no token). */
  readonly as?: AuthVars;
  /** How the token for `as` is minted (default: the harness's shape). */
  readonly tokenOptions?: TokenOptions;
  /** Variables, or a function of the server (to look uids up). */
  readonly variables?: Readonly<Record<string, unknown>> | ((authline: Authline) => Readonly<Record<string, unknown>>);
  /** Names the case when the claims alone do not. */
  readonly name?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface ReadScenario {
  /** What is checked, and the Dgraph test it follows (or why it differs). */
  readonly name: string;
  readonly query: string;
  readonly cases: readonly ReadCase[];
}

/** One node:test test per case, against the server `authline()` answers. */
export function testReads(scenario: ReadScenario, authline: () => Authline): void {
  for (const c of scenario.cases) {
    test(`${scenario.name}: ${c.name ?? describeVars(c.as)}`, async () => {
      const app = authline();
      const variables = typeof c.variables === 'function' ? c.variables(app) : c.variables;
      assertData(await app.post(scenario.query, { as: c.as, tokenOptions: c.tokenOptions, variables }), { ...c.data });
    });
  }
}
