/**
 * RBAC rules, `{$VAR: {op: operand}}`: Dgraph's exact grammar, checks and
 * messages, plus one check Dgraph lacks (whitespace that makes the variable
 * name a claim no token carries).
 */
import { RE2JS } from 're2js';
import type { Value } from '../plan/types.js';
import { goValue } from '../sdl/go-format.js';
import type { RbacOperator, RbacRule } from './tree.js';

/** A rule string that begins with `{` (no leading whitespace) is an RBAC rule; anything else is a GraphQL query. */
export function isRbacRule(text: string): boolean {
  return text.startsWith('{');
}

/** What is wrong, and where in the rule text (an offset into it). */
export interface RuleProblem {
  readonly message: string;
  readonly offset: number;
}

/**
 * Dgraph's grammar, run by an RE2 engine as Dgraph runs it: every optional
 * space is at most ONE whitespace character, `.` stops at newlines, the
 * variable is the shortest text before the colon, the operand the longest.
 */
const GRAMMAR = RE2JS.compile('^\\{[\\s]?(.*?)[\\s]?:[\\s]?\\{[\\s]?(\\w*)[\\s]?:[\\s]?(.*)[\\s]?\\}[\\s]?\\}$');

export function parseRbacRule(text: string): RbacRule | RuleProblem {
  const match = GRAMMAR.matcher(text);
  if (!match.matches()) return { message: `\`${text}\` is not a valid rule.`, offset: 0 };
  const variable = { text: match.group(1)!, offset: match.start(1) };
  const operator = { text: match.group(2)!, offset: match.start(2) };
  const operandText = match.group(3)!;
  const operandOffset = match.start(3);

  let operand: Value;
  try {
    operand = JSON.parse(operandText) as Value;
  } catch {
    // Dgraph's (misleading) wording for an operand that is not JSON.
    return { message: `\`${variable.text}\` is not a valid GraphQL variable.`, offset: operandOffset };
  }
  if (operand === null) {
    return { message: `\`${operator.text}\` operator has invalid value. null values aren't supported.`, offset: operandOffset };
  }
  const invalid = operatorProblem(operator.text, operand);
  if (invalid) return { message: invalid, offset: OPERATORS.has(operator.text) ? operandOffset : operator.offset };
  if (!variable.text.startsWith('$')) {
    return { message: `\`${variable.text}\` is not a valid GraphQL variable.`, offset: variable.offset };
  }
  const name = variable.text.slice(1);

  let pattern: RE2JS | undefined;
  if (operator.text === 'regexp') {
    try {
      pattern = RE2JS.compile(operand as string);
    } catch {
      return { message: `\`${name}\` does not have a valid regex expression.`, offset: operandOffset };
    }
  }

  // Beyond Dgraph: it would look up the claim "ROLE " for `{$ROLE  : ...}` and never match.
  if (name === '' || name.trim() !== name) {
    return {
      message:
        `\`${text}\` uses the variable \`${variable.text}\`, which would look up the claim ${JSON.stringify(name)} ` +
        'that no token carries: write the variable with at most one space around it, as `{$NAME: {eq: ...}}`.',
      offset: variable.offset,
    };
  }

  return {
    kind: 'rbac',
    source: text,
    variable: name,
    operator: operator.text as RbacOperator,
    operand,
    ...(pattern ? { pattern } : {}),
  };
}

const OPERATORS: ReadonlySet<string> = new Set<RbacOperator>(['eq', 'in', 'regexp']);

function operatorProblem(operator: string, operand: Value): string | undefined {
  switch (operator) {
    case 'eq':
      return Array.isArray(operand)
        ? `\`eq\` operator has invalid value \`${goValue(operand)}\`. Array values in eq operator will not be supported.`
        : undefined;
    case 'regexp':
      return typeof operand !== 'string'
        ? `\`regexp\` operator has invalid value \`${goValue(operand)}\`. Value should be of type String.`
        : undefined;
    case 'in':
      return !Array.isArray(operand)
        ? `\`in\` operator has invalid value \`${goValue(operand)}\`. Value should be an array.`
        : undefined;
    default:
      return `\`${operator}\` operator is not supported.`;
  }
}
