/**
 * Stage 6: a root field of the generated API → RootPlan, and the query of a
 * graph-traversal `@auth` rule → NodeQuery. Plans hold the model's FieldDef
 * and TypeDef objects and the Dgraph meaning of every argument; the store
 * turns them into SQL.
 */
export type * from './types.js';
export { planRootField } from './root.js';
export type { RootFieldInfo } from './root.js';
export { planRuleQuery } from './rule.js';
export { serviceAnswer } from './service.js';
export { MAX_REPRESENTATIONS, RepresentationsError, orderEntities, planEntities, type EntitiesPlan } from './entities.js';
export { PlanError } from './errors.js';
export { formatUid, parseUid } from './uid.js';
