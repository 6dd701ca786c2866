/**
 * Reading one `@auth(...)` directive: its shape (each AuthRule has exactly one
 * of and/or/not/rule), then each rule string, RBAC or GraphQL. Every mistake
 * is collected, in Dgraph's order (password, query, add, update, delete; in a
 * node: or, and, not, rule, then the node itself), with Dgraph's message
 * "Type X: @auth: ..." and its place in the SDL.
 */
import { Kind, print } from 'graphql';
import type { DirectiveNode, GraphQLSchema, ObjectFieldNode, ValueNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import type { SourcePosition } from '../sdl/errors.js';
import type { AuthOperation } from './policy.js';
import { compileGraphRule } from './graph-rule.js';
import { positionOf, stringPositions } from './positions.js';
import { isRbacRule, parseRbacRule } from './rbac.js';
import { AUTH_OPERATIONS, FIELD_AUTH_OPERATIONS } from './tree.js';
import type { Rule, TypeRules } from './tree.js';

const ONLY_ONE = 'there should be only one of "and", "or", "not" and "rule"';

/**
 * @param carrier the object type or interface the directive is on (for a
 *   field: the type declaring the field, whose `query<Type>` graph rules ask)
 * @param api the generated API that graph rules query
 * @param field the field the directive is on, when it is on a field
 */
export function readAuthDirective(
  directive: DirectiveNode,
  carrier: string,
  api: GraphQLSchema,
  field?: string,
): { rules: TypeRules; errors: SchemaError[] } {
  const errors: SchemaError[] = [];
  // Dgraph's prefix for a field's mistakes is "Type T; Field f:".
  const prefix = field === undefined ? `Type ${carrier}:` : `Type ${carrier}; Field ${field}:`;
  const fail: Fail = (message, at) => errors.push(new SchemaError(`${prefix} @auth: ${message}`, at));
  const args = directive.arguments ?? [];

  for (const arg of args) {
    if (!(AUTH_OPERATIONS as readonly string[]).includes(arg.name.value)) {
      // gqlparser's schema check, which Dgraph runs before reading the rules.
      errors.push(new SchemaError(`${arg.name.value} is not supported as an argument for auth directive.`, positionOf(arg)));
    } else if (args.find((a) => a.name.value === arg.name.value) !== arg) {
      fail(`the \`${arg.name.value}\` rule is given more than once`, positionOf(arg));
    } else if (field !== undefined && !(FIELD_AUTH_OPERATIONS as readonly string[]).includes(arg.name.value)) {
      fail(
        `a field takes query, add and update rules; a \`${arg.name.value}\` rule governs whole nodes: put it in the @auth of type ${carrier}`,
        positionOf(arg),
      );
    }
  }

  const rules: Partial<Record<AuthOperation, Rule>> = {};
  for (const operation of field === undefined ? AUTH_OPERATIONS : FIELD_AUTH_OPERATIONS) {
    const arg = args.find((a) => a.name.value === operation);
    if (!arg) continue;
    const rule = readNode(arg.value, carrier, api, fail);
    if (rule) rules[operation] = rule;
  }
  return { rules, errors };
}

type Fail = (message: string, at: readonly SourcePosition[]) => void;

/** One AuthRule object; undefined when it (or anything inside it) is wrong. */
function readNode(value: ValueNode, carrier: string, api: GraphQLSchema, fail: Fail): Rule | undefined {
  const fields = value.kind === Kind.OBJECT ? value.fields : [];
  if (fields.length === 0 && !(value.kind === Kind.LIST && value.values.length > 0)) {
    fail(`no arguments - ${ONLY_ONE}`, positionOf(value));
    return undefined;
  }
  const field = (name: string) => fields.find((f) => f.name.value === name);
  let problems = false;
  const read = (child: ValueNode) => {
    const rule = readNode(child, carrier, api, fail);
    problems ||= !rule;
    return rule;
  };
  const candidates: (Rule | undefined)[] = [];

  for (const [name, label] of [['or', 'OR'], ['and', 'AND']] as const) {
    const list = field(name);
    const items = list ? listItems(list.value) : [];
    if (items.length === 0) continue;
    const children = items.map(read);
    if (items.length < 2) {
      fail(`'${label}' should contain at least two rules`, positionOf(list));
      problems = true;
    }
    candidates.push({ kind: name, items: children as Rule[] });
  }

  const negated = field('not');
  const inner = negated && singleEntry(negated.value);
  if (inner) {
    const item = read(inner);
    candidates.push(item && { kind: 'not', item });
  }

  const text = field('rule');
  if (text) {
    const rule = readRuleText(text, carrier, api, fail);
    problems ||= !rule;
    candidates.push(rule);
  }

  if (candidates.length !== 1 || fields.length > 1) {
    fail(ONLY_ONE, positionOf(value));
    return undefined;
  }
  return problems ? undefined : candidates[0];
}

/** `and`/`or` take a list; a single AuthRule counts as a list of one, as GraphQL coerces inputs. */
function listItems(value: ValueNode): readonly ValueNode[] {
  if (value.kind === Kind.LIST) return value.values;
  return value.kind === Kind.NULL ? [] : [value];
}

/** `not` counts only when it holds exactly one entry (Dgraph ignores `not: {}` and `not: {a, b}`). */
function singleEntry(value: ValueNode): ValueNode | undefined {
  if (value.kind === Kind.OBJECT && value.fields.length === 1) return value;
  if (value.kind === Kind.LIST && value.values.length === 1) return value;
  return undefined;
}

function readRuleText(field: ObjectFieldNode, carrier: string, api: GraphQLSchema, fail: Fail): Rule | undefined {
  const value = field.value;
  if (value.kind !== Kind.STRING) {
    fail(`a rule should be a string, found ${print(value)}`, positionOf(value));
    return undefined;
  }
  const at = stringPositions(value);
  if (isRbacRule(value.value)) {
    const rule = parseRbacRule(value.value);
    if ('kind' in rule) return rule;
    fail(rule.message, at.at(rule.offset));
    return undefined;
  }
  const rule = compileGraphRule(value.value, carrier, api, at);
  if (!Array.isArray(rule)) return rule;
  for (const problem of rule) fail(problem.message, problem.locations);
  return undefined;
}
