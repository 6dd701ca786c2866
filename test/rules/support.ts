/**
 * An upload through the real stages before the rules (the upload parser,
 * the type model, the generated API), and a plan builder that remembers
 * which rule and variables each planned query came from.
 */
import assert from 'node:assert/strict';
import { print } from 'graphql';
import { generateApi } from '../../src/api/index.js';
import { buildModel } from '../../src/model/index.js';
import type { NodeQuery, Value } from '../../src/plan/types.js';
import { planRuleQuery } from '../../src/plan/index.js';
import { compileRules } from '../../src/rules/index.js';
import type { CompileOptions, PlanRuleQuery } from '../../src/rules/index.js';
import { parseSdl } from '../../src/sdl/index.js';

/** Compiles the rules of an SDL the earlier stages accept. */
export function upload(sdl: string, options: CompileOptions = {}) {
  const parsed = parseSdl(sdl);
  assert.deepEqual(parsed.errors, [], 'the SDL parses');
  const { model, errors } = buildModel(parsed.document!);
  assert.deepEqual(errors.map((e) => e.message), [], 'the type model accepts the SDL');
  const api = generateApi(model).schema;
  return { model, api, ...compileRules(model, api, options) };
}

/** What the plan builder was asked for one reach residual. */
export interface PlannedRule {
  readonly rule: string;
  readonly variables: Readonly<Record<string, Value>>;
}

/** src/plan's planRuleQuery, remembering per answer the rule (printed) and the variables it was asked with. */
export function recordingPlanner(): { plan: PlanRuleQuery; asked: WeakMap<NodeQuery, PlannedRule>; calls: PlannedRule[] } {
  const asked = new WeakMap<NodeQuery, PlannedRule>();
  const calls: PlannedRule[] = [];
  const plan: PlanRuleQuery = (model, schema, document, variables) => {
    const query = planRuleQuery(model, schema, document, variables);
    const entry = { rule: print(document), variables };
    asked.set(query, entry);
    calls.push(entry);
    return query;
  };
  return { plan, asked, calls };
}
