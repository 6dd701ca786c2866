/**
 * A `filter` argument → Filter, with Dgraph's meaning:
 * - the keys of one object are ANDed (taken in name order, as Dgraph does);
 *   `and` adds its entries to that conjunction, `not` adds a negation;
 * - `or` is ORed with the conjunction of all its siblings:
 *   `{a, b, or: [c, d]}` is (a AND b) OR (c OR d);
 * - `{f: {eq: null}}` means f is absent (NOT has f); other null values are
 *   ignored, as are null connectives;
 * - `id: [...]` keeps the ids Dgraph can parse and drops the others, so a
 *   list of only bad ids matches nothing;
 * - on a union, `memberTypes` picks the member types (`[]`: none) and
 *   `<member>Filter` filters that member's nodes.
 *
 * Beyond Dgraph: several functions in one field object (`{ge: 1, le: 5}`,
 * possible through variables) are all applied, where Dgraph would use one at
 * random; and a function the field's indexes do not offer (model/search.ts),
 * or no function at all, is an error here rather than a failing database
 * query.
 */
import { FILTER_FUNCTIONS, indexFunctions, inputFunctions, searchIndex, valueFunction } from '../model/search.js';
import type { ApiFunction, FilterFunction, OperandKind, Operands } from '../model/search.js';
import type { FieldDef, TypeDef, UnionDef } from '../model/types.js';
import type { Filter, FunctionFilter, Value } from './types.js';
import { names } from '../model/names.js';
import { asList, isPlainObject, typeDef } from './context.js';
import type { PlanContext } from './context.js';
import { PlanError } from './errors.js';
import { parseUid } from './uid.js';
import { VECTOR_DISTANCE_FIELD, hasSimilarQueries } from '../model/vectors.js';

/** The filter of nodes of `typeName` (object type, interface or union). */
export function buildFilter(ctx: PlanContext, typeName: string, value: unknown): Filter | null {
  if (value === null || value === undefined) return null;
  const union = ctx.model.unions.get(typeName);
  return union ? unionFilter(ctx, union, value) : objectFilter(typeDef(ctx, typeName), value);
}

export function objectFilter(type: TypeDef, value: unknown): Filter | null {
  if (value === null || value === undefined) return null;
  if (!isPlainObject(value)) throw new PlanError(`A filter on ${type.name} must be an object, got: ${show(value)}`);
  const conjuncts: Filter[] = [];
  let alternative: Filter | null = null;
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item === null || item === undefined) continue;
    switch (key) {
      case 'and':
        for (const entry of asList(item)) push(conjuncts, objectFilter(type, entry));
        break;
      case 'or':
        alternative = combine('or', asList(item).map((entry) => objectFilter(type, entry)).filter(isFilter));
        break;
      case 'not': {
        const negated = objectFilter(type, item);
        if (negated) conjuncts.push({ kind: 'not', item: negated });
        break;
      }
      case 'has':
        for (const name of asList(item)) if (name !== null) conjuncts.push(hasFilter(type, name));
        break;
      default:
        push(conjuncts, fieldCondition(fieldOf(type, key, 'filter'), item));
    }
  }
  const conjunction = combine('and', conjuncts);
  if (!alternative) return conjunction;
  return conjunction ? { kind: 'or', items: [conjunction, alternative] } : alternative;
}

/**
 * The condition one field's entry of a filter object sets: its functions
 * (`{ge: 1, le: 5}`) ANDed, or for a field whose index allows it, the bare
 * value (`isPublished: true`).
 */
function fieldCondition(field: FieldDef, value: unknown): Filter | null {
  if (field.type.name === 'ID') return idFilter(field, value);
  if (!isPlainObject(value)) {
    const fn = valueFunction(field.search);
    if (!fn) throw new PlanError(`Filter on ${field.declaredIn}.${field.name} needs a function, got: ${show(value)}`);
    return functionFilter(field, fn, value);
  }
  const offered: readonly string[] = field.search.flatMap(indexFunctions);
  const parts: Filter[] = [];
  for (const fn of Object.keys(value).sort()) {
    const operand = value[fn];
    if (!offered.includes(fn)) {
      if (field.declaredSearch?.some((index) => inputFunctions(searchIndex(index)?.filter ?? '').includes(fn as ApiFunction))) {
        throw new PlanError(`the ${fn} filter of ${field.declaredIn}.${field.name} is not supported by authline yet.`);
      }
      throw new PlanError(`${fn} is not a filter function of ${field.declaredIn}.${field.name} (searchable by ${field.search.join(', ') || 'nothing'})`);
    }
    if (operand === null || operand === undefined) {
      if (fn === 'eq') parts.push({ kind: 'not', item: { kind: 'has', field } });
      continue;
    }
    parts.push(functionFilter(field, fn as FilterFunction, operand));
  }
  return combine('and', parts);
}

/** How each kind of operand is read from the request; null when it selects nothing (`in: []`). */
const OPERANDS: { readonly [K in OperandKind]: (field: FieldDef, fn: string, operand: unknown) => Operands<Value>[K] | null } = {
  value: (_field, _fn, operand) => ({ value: operand as Value }),
  list: (_field, _fn, operand) => {
    const values = asList(operand).filter((v) => v !== null && v !== undefined) as Value[];
    return values.length > 0 ? { values } : null;
  },
  range: (field, fn, operand) => {
    if (!isPlainObject(operand) || operand.min == null || operand.max == null) {
      throw new PlanError(`${fn} on ${field.declaredIn}.${field.name} needs both min and max, got: ${show(operand)}`);
    }
    return { min: operand.min as Value, max: operand.max as Value };
  },
  text: (field, fn, operand) => ({ text: text(field, fn, operand) }),
  regexp: (field, fn, operand) => regexpLiteral(text(field, fn, operand)),
};

/** Function `fn` of `field` applied to `operand`, in the plan form model/search.ts gives it. */
function functionFilter(field: FieldDef, fn: FilterFunction, operand: unknown): Filter {
  const { operand: kind, plan } = FILTER_FUNCTIONS[fn];
  const read = OPERANDS[kind](field, fn, operand);
  // The table's types make this the FunctionFilter of `fn` (plan/types.ts derives it from the same table).
  return read === null ? { kind: 'const', value: false } : ({ ...plan, field, ...read } as FunctionFilter);
}

/** `id: ["0x1", "7"]` (or one id): the parsable ones; matching nothing when none is. */
function idFilter(field: FieldDef, value: unknown): Filter {
  const ids = asList(value).filter((v): v is string => typeof v === 'string');
  if (field.kind !== 'id') {
    // Apollo's external ID key is a stored string, compared as such.
    return ids.length > 0 ? { kind: 'in', field, values: ids } : { kind: 'const', value: false };
  }
  return { kind: 'uid', uids: [...new Set(ids.map(parseUid).filter((uid): uid is string => uid !== undefined))] };
}

/**
 * `/pattern/flags`, the literal Dgraph expects: a leading slash, the pattern
 * up to the first unescaped slash, then only letters. Anything else Dgraph
 * would not run as a regular expression.
 */
function regexpLiteral(literal: string): { pattern: string; flags: string } {
  const match = /^\/((?:\\.|[^\\/])*)\/([a-zA-Z]*)$/s.exec(literal);
  if (!match) throw new PlanError(`regexp filter expects a /pattern/flags literal, got: ${JSON.stringify(literal)}`);
  return { pattern: match[1], flags: match[2] };
}

function unionFilter(ctx: PlanContext, union: UnionDef, value: unknown): Filter | null {
  if (!isPlainObject(value)) throw new PlanError(`A filter on ${union.name} must be an object, got: ${show(value)}`);
  const chosen = value.memberTypes === null || value.memberTypes === undefined ? union.members : asList(value.memberTypes);
  const members: Filter[] = [];
  for (const member of chosen) {
    if (typeof member !== 'string' || !union.members.includes(member)) {
      throw new PlanError(`${show(member)} is not a member type of ${union.name}`);
    }
    const memberFilter = objectFilter(typeDef(ctx, member), value[names.unionMemberFilter(member)]);
    const ofType: Filter = { kind: 'type', types: [member] };
    members.push(memberFilter ? { kind: 'and', items: [ofType, memberFilter] } : ofType);
  }
  // `memberTypes: []` asks for no member at all.
  return combine('or', members) ?? { kind: 'const', value: false };
}

/**
 * `has: [f]`. No node stores `vector_distance` (a similarity query's answer):
 * Dgraph's has(T.vector_distance) holds for none.
 */
function hasFilter(type: TypeDef, name: unknown): Filter {
  if (name === VECTOR_DISTANCE_FIELD && !type.fieldMap.has(name) && hasSimilarQueries(type)) return { kind: 'const', value: false };
  return { kind: 'has', field: fieldOf(type, name, 'has') };
}

function fieldOf(type: TypeDef, name: unknown, where: string): FieldDef {
  const field = typeof name === 'string' ? type.fieldMap.get(name) : undefined;
  if (!field || field.unsupported) throw new PlanError(`${show(name)} is not a field of ${type.name} usable in ${where}`);
  return field;
}

function text(field: FieldDef, fn: string, operand: unknown): string {
  if (typeof operand !== 'string') throw new PlanError(`${fn} on ${field.declaredIn}.${field.name} needs a string, got: ${show(operand)}`);
  return operand;
}

function combine(kind: 'and' | 'or', items: Filter[]): Filter | null {
  if (items.length === 0) return null;
  return items.length === 1 ? items[0] : { kind, items };
}

function push(list: Filter[], filter: Filter | null): void {
  if (filter) list.push(filter);
}

function isFilter(filter: Filter | null): filter is Filter {
  return filter !== null;
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
