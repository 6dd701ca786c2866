/**
 * Stage 4: the parsed upload → SchemaModel, with every schema-time error
 * Dgraph reports for types (its messages, plus where they are).
 *
 * The checks run in Dgraph's phases. A phase's errors are all reported
 * together; a later phase runs only when the earlier ones passed, because it
 * relies on what they establish (known types, expanded fields).
 */
import type { DocumentNode } from 'graphql';
import { SchemaError } from '../sdl/errors.js';
import { assembleModel } from './assemble.js';
import { SchemaContext } from './context.js';
import { readDocument } from './document.js';
import { expandInterfaces } from './expand.js';
import { validateDocument } from './validate-document.js';
import { validateFields } from './validate-fields.js';
import { validatePredicates } from './validate-predicates.js';
import { validateStructure } from './validate-structure.js';
import { validateType } from './validate-types.js';
import { validateUnsupported } from './validate-unsupported.js';
import type { SchemaModel } from './types.js';

export type * from './types.js';
export { servedFields, isServed } from './served.js';
export { isEdge } from './edges.js';
export { INERT_DIRECTIVES } from './directives.js';

const EMPTY: SchemaModel = { types: new Map(), unions: new Map(), enums: new Map(), customRoots: [], remoteDefinitions: [], webhooks: new Map() };

export function buildModel(document: DocumentNode): { model: SchemaModel; errors: SchemaError[] } {
  const { schema, errors: readErrors } = readDocument(document);
  if (readErrors.length > 0) return { model: EMPTY, errors: readErrors };

  const nameErrors = validateDocument(schema);
  if (nameErrors.length > 0) return { model: EMPTY, errors: nameErrors };

  const { types, errors: expandErrors } = expandInterfaces(schema);
  if (expandErrors.length > 0) return { model: EMPTY, errors: expandErrors };

  const structureErrors = validateStructure(schema, types);
  if (structureErrors.length > 0) return { model: EMPTY, errors: structureErrors };

  const ctx = new SchemaContext(schema, types);
  const errors: SchemaError[] = [];
  for (const type of types.values()) errors.push(...validateType(ctx, type), ...validateFields(ctx, type));
  errors.push(...validatePredicates(ctx));
  if (errors.length > 0) return { model: EMPTY, errors };

  // Only a schema Dgraph accepts is worth telling what authline cannot serve yet.
  const unsupported = validateUnsupported(ctx);
  if (unsupported.length > 0) return { model: EMPTY, errors: unsupported };

  const model = assembleModel(ctx);
  if (!generates(model, 'query') && !generates(model, 'mutation')) {
    return { model: EMPTY, errors: [new SchemaError('No query or mutation found in the generated schema')] };
  }
  if (!generates(model, 'query')) {
    // Dgraph would serve mutations alone; a GraphQL schema needs a query.
    return { model: EMPTY, errors: [new SchemaError('No query found in the generated schema: @generate must leave at least one query')] };
  }
  return { model, errors: [] };
}

/** Whether the API has a root field of the operation: generated, or the upload's @custom/@lambda. */
function generates(model: SchemaModel, operation: 'query' | 'mutation'): boolean {
  if (model.customRoots.some((root) => root.operation === operation)) return true;
  return [...model.types.values()].some(({ generate: { query, mutation }, kind, idField, xidFields, secretField }) => {
    const addressable = idField !== undefined || xidFields.length > 0;
    return operation === 'query'
      ? query.query || query.aggregate || (query.get && addressable) || (query.password && addressable && secretField !== undefined)
      : mutation.update || mutation.delete || (kind === 'object' && mutation.add);
  });
}
