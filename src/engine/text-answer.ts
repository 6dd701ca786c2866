/**
 * Answers built by SQL: an operation made only of generated read root
 * fields (queryT, getT) whose plans are cached is answered with the JSON
 * text each field's statement builds, which the server writes around
 * `{"data":{…}}` without parsing it and without graphql-js. The answer
 * must be byte for byte the one graphql-js would give, so:
 *
 * - the document decides once whether its shape allows that (textRootKeys,
 *   kept per document): a query of plain root fields, each selecting only
 *   stored fields of object types (fragments on that same type), every
 *   response key once, no directive but @cascade. Anything else — custom
 *   fields, interfaces and unions, aggregates, @skip/@include,
 *   introspection, mutations, subscriptions — is answered the general way;
 * - the store compiles each field's text statement along with its plan
 *   (store/sql/exact.ts), or says it cannot;
 * - a value the data does not allow answering exactly comes back marked
 *   (INEXACT_TEXT), and the operation is answered the general way;
 * - so does a field with errors to tell (a field rule hiding a field, a
 *   refused token, a failed statement: its error is handed to the general
 *   path, which answers it in Dgraph's words without running it again).
 */
import {
  getNamedType, getOperationAST, isObjectType, Kind,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLObjectType, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import type { SchemaModel } from '../model/types.js';
import { rootFields } from '../plan/root-fields.js';
import { INEXACT_TEXT, type Store } from '../store/index.js';
import type { DenialReport } from './denials.js';
import { replayRefusals, type OperationPlans } from './plan-cache.js';
import type { RequestBudget } from './request-budget.js';

/** What a request's text answer needs of its execution. */
export interface TextRun {
  readonly plans: OperationPlans;
  readonly budget: RequestBudget;
  readonly denials: DenialReport;
}

/** Each root field's JSON text by response key, in the operation's order; or why the general path must answer. */
export type TextOutcome =
  | { readonly texts: readonly (readonly [string, string])[] }
  | { readonly texts?: undefined; readonly failed?: ReadonlyMap<string, unknown> };

/**
 * Runs the operation's root fields from their cached text statements, in
 * turn under the request's budget. Falls to the general path (no texts)
 * when a field is not cached as text yet, has errors to tell, or answered
 * a marked value; a field whose statement failed is named in `failed`.
 */
export async function answerAsText(store: Store, run: TextRun, keys: readonly string[]): Promise<TextOutcome> {
  const reads = [];
  for (const key of keys) {
    const cached = run.plans.get(key);
    if (!cached?.json || cached.hidden.length > 0) return {};
    reads.push({ key, cached, json: cached.json });
  }
  const texts: (readonly [string, string])[] = [];
  for (const { key, cached, json } of reads) {
    replayRefusals(cached.refusals, run.denials);
    let text: unknown;
    try {
      text = await run.budget.inTurn(() => store.runRead(json, run.budget));
    } catch (error) {
      return { failed: new Map([[key, error]]) };
    }
    if (typeof text !== 'string' || text.includes(INEXACT_TEXT)) return {};
    texts.push([key, text]);
  }
  return { texts };
}

/** Directives graphql-js leaves to the resolvers, which the plan reads the same on both paths. */
const PLANNED_DIRECTIVES = new Set(['cascade']);

/**
 * The response keys of the operation's root fields when its shape can be
 * answered as text (see the top of this file), else null.
 */
export function textRootKeys(schema: GraphQLSchema, model: SchemaModel, document: DocumentNode, operationName?: string | null): readonly string[] | null {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'query' || (operation.directives?.length ?? 0) > 0) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const queryType = schema.getQueryType();
  const keys: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !plannedDirectivesOnly(selection)) return null;
    const name = selection.name.value;
    const root = rootFields(model).get(name);
    if (!root || (root.kind !== 'query' && root.kind !== 'get') || model.customRoots.some((r) => r.name === name)) return null;
    const type = queryType?.getFields()[name] ? getNamedType(queryType.getFields()[name].type) : undefined;
    const key = selection.alias?.value ?? name;
    if (!isObjectType(type) || keys.includes(key) || !selection.selectionSet) return null;
    if (!storedSelection(model, type, selection.selectionSet, fragments)) return null;
    keys.push(key);
  }
  return keys.length > 0 ? keys : null;
}

function plannedDirectivesOnly(node: { readonly directives?: readonly { readonly name: { readonly value: string } }[] }): boolean {
  return (node.directives ?? []).every((d) => PLANNED_DIRECTIVES.has(d.name.value));
}

/**
 * Whether a selection set on object type `type` selects only what the
 * store answers as graphql-js would: stored fields and `__typename`, each
 * response key once, through fragments on `type` itself.
 */
function storedSelection(
  model: SchemaModel, type: GraphQLObjectType, set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): boolean {
  const typeDef = model.types.get(type.name);
  if (typeDef?.kind !== 'object') return false;
  const keys = new Set<string>();
  const visit = (set: SelectionSetNode): boolean => set.selections.every((selection) => {
    if (!plannedDirectivesOnly(selection)) return false;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return (!selection.typeCondition || selection.typeCondition.name.value === type.name) && visit(selection.selectionSet);
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      return fragment !== undefined && fragment.typeCondition.name.value === type.name && visit(fragment.selectionSet);
    }
    const key = selection.alias?.value ?? selection.name.value;
    if (keys.has(key)) return false;
    keys.add(key);
    if (selection.name.value === '__typename') return true;
    const field = typeDef.fieldMap.get(selection.name.value);
    if (!field || field.custom || field.unsupported) return false;
    if (field.kind === 'id' || field.kind === 'scalar' || field.kind === 'enum') return !selection.selectionSet;
    const target = getNamedType(type.getFields()[selection.name.value]?.type);
    return field.kind === 'object' && isObjectType(target) && selection.selectionSet !== undefined && storedSelection(model, target, selection.selectionSet, fragments);
  });
  return visit(set);
}
