/**
 * `@cascade` as Dgraph's query engine applies it. At a level with
 * `@cascade`, a node is kept only if every selected field (or, with
 * `fields: [...]`, every selected field among those) is present. A level
 * without its own `@cascade` inherits its parent's: all fields, or the same
 * storage predicates (which may name fields of a nested type too, when it
 * shares the predicate). The ID field is always present; `__typename` and
 * aggregates ask for nothing.
 */
import { getDirectiveValues } from 'graphql';
import type { FieldNode } from 'graphql';
import type { FieldDef, TypeDef } from '../model/types.js';
import type { Cascade, Selection } from './types.js';
import type { PlanContext } from './context.js';
import { PlanError } from './errors.js';
import { cascadeFieldMessage } from '../api/index.js';

/** A level's cascade as it propagates: all fields, or storage predicates. */
export type CascadeRule = { readonly kind: 'all' } | { readonly kind: 'predicates'; readonly predicates: ReadonlySet<string> } | null;

/** The rule for the level of `node`: its own `@cascade`, else the inherited one. */
export function cascadeRule(ctx: PlanContext, node: FieldNode, type: TypeDef | undefined, typeName: string, inherited: CascadeRule): CascadeRule {
  const directive = ctx.schema.getDirective('cascade');
  const own = directive ? getDirectiveValues(directive, node, ctx.variables as Record<string, unknown>) : undefined;
  if (!own) return inherited;
  const fields = (Array.isArray(own.fields) ? own.fields : own.fields == null ? [] : [own.fields]) as unknown[];
  if (fields.length === 0) return { kind: 'all' };
  const predicates = new Set<string>();
  for (const name of fields) {
    const field = typeof name === 'string' ? type?.fieldMap.get(name) : undefined;
    if (!field || field.unsupported) {
      throw new PlanError(cascadeFieldMessage(String(name), typeName), node);
    }
    predicates.add(storageKey(field));
  }
  return { kind: 'predicates', predicates };
}

/** What the level's selections must satisfy, in the plan's terms. */
export function cascadeOf(rule: CascadeRule, selection: readonly Selection[]): Cascade | null {
  if (rule === null) return null;
  if (rule.kind === 'all') return { kind: 'all' };
  const fields = new Set<string>();
  for (const s of selection) {
    if ((s.kind === 'scalar' || s.kind === 'edge') && rule.predicates.has(storageKey(s.field))) fields.add(s.field.name);
  }
  return fields.size > 0 ? { kind: 'fields', fields: [...fields] } : null;
}

/** How Dgraph names a field in `@cascade(...)`: its predicate, `~p` for a reverse edge, `uid` for the ID. */
function storageKey(field: FieldDef): string {
  if (field.kind === 'id') return 'uid';
  return field.reverse ? `~${field.predicate}` : field.predicate;
}
