/**
 * The SQL compiler and statement builders: the one entrance through which
 * the rest of the store reaches sql/. Everything the store sends to the
 * database is built here or with this module's `sql` tag.
 */
export { identifier, join, literal, param, render, sql, Sql, statementOf, type ParamType, type Statement } from './fragment.js';
export {
  aggregateStatement, getStatement, listStatement, passwordStatement, payloadStatement, similarStatement, withBudget, type ReadStatement,
} from './query.js';
export { failingStatement, refusesSql, targetsStatement, type FailingCheck, type FieldsChecked } from './targets.js';
export { RESET_NODES_READ, TOO_MANY_NODES } from './reads.js';
export { INEXACT_TEXT, JsonAnswer } from './exact.js';
export { lockingLookUp, lookUpNodes, type ValueLock, type ValueLookup } from './lookup.js';
export {
  closingStatement, deleteEdgesOf, insertEdges, insertPatchedNodes, mergeNodes, mutationWrite, reserveUidsUpTo, takeUids,
  type EdgeEnd, type EdgeRow, type MutationWrite, type UnlinkRow,
} from './writes.js';
export { catalogIndexes, createIndex, dropIndex, schemaIndexes, type SchemaIndex } from './indexes.js';
export { predicateOf, secretPredicate } from './values.js';
export { otherLengthStatement } from './vector.js';
