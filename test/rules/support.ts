/**
 * An upload through the real stages before the rules (test/api's apiOf:
 * the upload parser, the type model, the generated API), and a plan builder
 * that remembers which rule and variables each planned query came from.
 */
import { print } from 'graphql';
import type { NodeQuery, Value } from '../../src/plan/types.js';
import { planRuleQuery } from '../../src/plan/index.js';
import { compileRules } from '../../src/rules/index.js';
import type { CompileOptions, PlanRuleQuery } from '../../src/rules/index.js';
import { apiOf } from '../api/helpers.js';

/** Compiles the rules of an SDL the earlier stages accept. */
export function upload(sdl: string, options: CompileOptions = {}) {
  const { model, schema: api } = apiOf(sdl);
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
