/**
 * Queries on the loaded fixture, read-only: one server serves
 * every read suite (loading the fixture is what costs; reading is cheap).
 * Each suite lives in reads/ with the Dgraph tests it follows.
 */
import { describe } from 'node:test';
import { aggregateQueries } from './reads/aggregates.js';
import { claimQueries } from './reads/claims.js';
import { interfaceQueries } from './reads/interfaces.js';
import { nestedQueries } from './reads/nested.js';
import { rootQueries } from './reads/root.js';
import { underAlgorithm, sharedAuthline } from './support/suite.js';

underAlgorithm('HS256', (algorithm) => {
  const app = sharedAuthline({ algorithm });
  describe('root queries, filtered by the type\'s query rule', () => rootQueries(app));
  describe('nested levels, filtered by their own type\'s rule', () => nestedQueries(app));
  describe('interfaces', () => interfaceQueries(app));
  describe('aggregates', () => aggregateQueries(app));
  describe('what the claims hold: none, missing, null, arrays, any JSON type', () => claimQueries(app));
});
