/**
 * The rules stage: every `@auth` of an upload parsed and checked at once
 * (all mistakes together, each with Dgraph's message and its place in the
 * SDL), then, per request, the claims turned into an AuthPolicy.
 */
import type { GraphQLSchema } from 'graphql';
import type { SchemaModel } from '../model/types.js';
import { planRuleQuery } from '../plan/index.js';
import type { SchemaError } from '../sdl/errors.js';
import { CompiledRules } from './compiled.js';
import type { CompiledRulesOptions } from './compiled.js';
import { readAuthDirective } from './directive.js';
import { readFieldRules } from './field-rules.js';
import type { TypeRules } from './tree.js';

export { CompiledRules } from './compiled.js';
export type { CompiledRulesOptions, PlanRuleQuery } from './compiled.js';
export { RequestAuth, type PolicySource, type TokenStatus, type TokenReading } from './request-auth.js';
export type { FieldRules, GraphRule, RbacOperator, RbacRule, Rule, TypeRules } from './tree.js';
export { AUTH_OPERATIONS, FIELD_AUTH_OPERATIONS } from './tree.js';
export { ALLOW_ALL } from './policy.js';
export { explainRule, RuleVerdicts, type RuleSource, type RuleVerdict, type Verdict, type VerdictTree } from './verdicts.js';
export type { AuthOperation, AuthPolicy, Decision, FieldAuthOperation, Residual } from './policy.js';

/** Options of compileRules; the plan builder defaults to src/plan's planRuleQuery. */
export type CompileOptions = Partial<CompiledRulesOptions>;

/**
 * @param model the upload's types; each `authDirective` is read
 * @param api the generated API, against which graph rules are validated
 * @returns the compiled rules and every mistake found (the upload must be refused when there is any)
 */
export function compileRules(
  model: SchemaModel,
  api: GraphQLSchema,
  options: CompileOptions = {},
): { rules: CompiledRules; errors: SchemaError[] } {
  const declared = new Map<string, TypeRules>();
  const errors: SchemaError[] = [];
  for (const type of model.types.values()) {
    if (!type.authDirective) continue;
    const read = readAuthDirective(type.authDirective, type.name, api);
    declared.set(type.name, read.rules);
    errors.push(...read.errors);
  }
  const fields = readFieldRules(model, api);
  errors.push(...fields.errors);
  const resolved = { ...options, planRuleQuery: options.planRuleQuery ?? planRuleQuery };
  return { rules: new CompiledRules(model, api, declared, resolved, fields.declared), errors };
}
