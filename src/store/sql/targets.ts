/**
 * Statements that pick nodes for a mutation under a rule: the nodes an update
 * or delete applies to, and which of given nodes fail a rule (the add rule of
 * new nodes, the update rule of nodes an upsert or a re-pointed inverse edge
 * would change). Each is ONE statement.
 */
import type { TypeDef } from '../../model/types.js';
import type { Filter } from '../../plan/types.js';
import type { AuthOperation, AuthPolicy, FieldAuthOperation } from '../../rules/policy.js';
import { FIELD_AUTH_OPERATIONS } from '../../rules/tree.js';
import { Compiler } from './compiler.js';
import { filterSql } from './filter.js';
import { identifier, join, literal, param, render, sql, type Sql, type Statement } from './fragment.js';
import { fieldRuleSql, isByUid, levelAuth, rowsSql } from './levels.js';
import { perType } from './membership.js';

/**
 * The nodes of `concreteTypes` that `filter` selects and `operation`'s rule
 * allows, as decimal `uid`s in uid order. With `fields` (the fields an update
 * changes), column `fields` names those whose update rule does not hold on
 * the node, so the same statement tells whether the update may go ahead.
 */
export function targetsStatement(
  concreteTypes: readonly TypeDef[], filter: Filter | null, policy: AuthPolicy, operation: AuthOperation,
  fields: readonly string[] = [],
): Statement | null {
  const c = new Compiler();
  const rows = rowsSql(c, { concreteTypes, filter }, { kind: 'all' }, { policy, operation, probe: isByUid({ concreteTypes, filter }) });
  if (!rows) return null;
  const denied = deniedFieldsSql(c, rows.alias, concreteTypes, policy, 'update', fields.map((name) => ({ name })));
  const column = denied ? sql`, ${denied} AS fields` : sql``;
  return render(sql`SELECT ${rows.alias}.uid::text AS uid${column} FROM (${rows.sql}) ${rows.alias} ORDER BY ${rows.alias}.uid`);
}

/**
 * A field whose rule a check asks; `when`, if given, limits the question to
 * nodes where it holds (e.g. the new nodes that hold a value of the field).
 */
interface FieldCheck {
  readonly name: string;
  readonly when?: () => Sql;
}

/**
 * The names of `fields` whose `operation` rule does not hold on row `alias`,
 * as a text[] (empty when all hold); null when none of them has a rule.
 */
function deniedFieldsSql(
  c: Compiler, alias: Sql, types: readonly TypeDef[], policy: AuthPolicy, operation: FieldAuthOperation, fields: readonly FieldCheck[],
): Sql | null {
  const names: Sql[] = [];
  for (const { name, when } of fields) {
    // A select list is asked once per row: probed.
    const rule = fieldRuleSql(c, alias, types, name, operation, policy, true);
    // The rule may be NULL where it does not hold (levels.ts): coalesced before NOT.
    if (rule) names.push(sql`CASE WHEN ${when?.() ?? sql`TRUE`} AND NOT COALESCE(${rule}, FALSE) THEN ${literal(name)} END`);
  }
  return names.length === 0 ? null : sql`array_remove(ARRAY[${join(names, sql`, `)}]::text[], NULL)`;
}

/**
 * Which field rules a failing check asks besides the type's: those of the
 * fields each node holds (`held`: new nodes, whose every value the mutation
 * gave), or of the fields named (`named`: an upsert's changes).
 */
export type FieldsChecked = { readonly kind: 'held' } | { readonly kind: 'named'; readonly fields: readonly string[] };

/**
 * The condition that node `alias` does NOT pass `operation`'s rule for its
 * concrete type among `types` (a node of none of them fails too); null when
 * the rule lets every node pass. For a write statement's own checks.
 */
export function refusesSql(types: readonly TypeDef[], policy: AuthPolicy, operation: AuthOperation): ((alias: Sql) => Sql) | null {
  const c = new Compiler();
  if (levelAuth(c, identifier('n'), types, { policy, operation, probe: true }).condition === null) return null;
  return (alias) => {
    const auth = levelAuth(c, alias, types, { policy, operation, probe: true });
    // The condition may be NULL where the rule denies (levels.ts): coalesced before NOT, so NULL fails too.
    return sql`NOT COALESCE(${auth.condition ?? sql`TRUE`}, FALSE)`;
  };
}

/**
 * A check of given nodes against a rule (`failingStatement`): their uids, or
 * the nodes themselves, a relation of node rows (a write's new nodes, which
 * the tables do not hold yet).
 */
export interface FailingCheck {
  readonly uids: readonly bigint[] | { readonly rows: Sql };
  readonly types: readonly TypeDef[];
  readonly operation: AuthOperation;
  readonly checked?: FieldsChecked;
}

/**
 * The nodes among `uids` that do not pass `operation`'s rule for their
 * concrete type among `types`, as decimal `uid`s; null when the rule lets
 * every node pass. With `checked`, the field rules too: then column `allowed`
 * tells whether the type's rule holds, and `fields` names the fields whose
 * rule does not.
 */
export function failingStatement(
  uids: readonly bigint[], types: readonly TypeDef[], policy: AuthPolicy, operation: AuthOperation,
  checked?: FieldsChecked,
): Statement | null {
  const failing = failingSql(new Compiler(), { uids, types, operation, checked }, policy);
  return failing && render(failing);
}

/** The query of `failingStatement`, compiled with `c` (to be part of a larger statement). */
export function failingSql(c: Compiler, { uids, types, operation, checked }: FailingCheck, policy: AuthPolicy): Sql | null {
  if (isUidList(uids) && uids.length === 0) return null;
  const n = identifier('n');
  // The nodes are given: each rule is a probe from each of them (LevelEnv.probe).
  const auth = levelAuth(c, n, types, { policy, operation, probe: true });
  const denied = checked && isFieldOperation(operation) ? deniedFieldsSql(c, n, types, policy, operation, fieldChecks(c, n, types, checked)) : null;
  if (auth.condition === null && denied === null) return null;
  const nodes = isUidList(uids)
    ? sql`${c.graph.node} ${n} WHERE n.uid = ANY(${param(uids.map(String), 'bigint[]')})`
    : sql`${uids.rows} ${n} WHERE TRUE`;
  // The condition may be NULL where the rule denies (levels.ts): coalesced before NOT, so NULL fails too.
  const allowed = sql`COALESCE(${auth.condition ?? sql`TRUE`}, FALSE)`;
  if (denied === null) return sql`SELECT n.uid::text AS uid FROM ${nodes} AND NOT ${allowed}`;
  return sql`SELECT uid, allowed, fields FROM (SELECT n.uid::text AS uid, ${allowed} AS allowed, ${denied} AS fields FROM ${nodes}) checked WHERE NOT allowed OR cardinality(fields) > 0`;
}

function isUidList(uids: FailingCheck['uids']): uids is readonly bigint[] {
  return Array.isArray(uids);
}

function isFieldOperation(operation: AuthOperation): operation is FieldAuthOperation {
  return (FIELD_AUTH_OPERATIONS as readonly string[]).includes(operation);
}

/**
 * The fields asked of row `alias`: with `held`, every field of the types,
 * each where the node holds it (per type: two types may store a field of one
 * name under different predicates).
 */
function fieldChecks(c: Compiler, alias: Sql, types: readonly TypeDef[], checked: FieldsChecked): FieldCheck[] {
  if (checked.kind === 'named') return checked.fields.map((name) => ({ name }));
  const names = new Set(types.flatMap((t) => t.fields.map((f) => f.name)));
  const holds = (name: string) => perType(alias, types, types.map((t) => {
    const field = t.fieldMap.get(name);
    return field ? filterSql(c, alias, { kind: 'has', field }, [t]) : sql`FALSE`;
  }));
  return [...names].map((name) => ({ name, when: () => holds(name) }));
}
