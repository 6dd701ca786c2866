/** The Dgraph e2e auth schema and data (read from the shared folder, never copied into the repo). */
import type { SchemaModel } from '../../../src/model/types.js';
import { conformanceData, conformanceSchema, fromConformance } from '../../support/conformance.js';
import { modelFromSdl } from './model.js';

export { conformanceData, conformanceSchema };

/** The fixture's model, built once; call it inside a conformance suite. */
export const conformanceModel: () => SchemaModel = fromConformance(() => modelFromSdl(conformanceSchema()));
