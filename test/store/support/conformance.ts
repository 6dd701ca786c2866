/** The Dgraph e2e auth schema and data (read from the shared folder, never copied into the repo). */
import type { SchemaModel } from '../../../src/model/types.js';
import { conformanceData, conformanceSchema } from '../../support/conformance.js';
import { modelFromSdl } from './model.js';

export const CONFORMANCE_SDL = conformanceSchema();
export const CONFORMANCE_DATA: unknown = conformanceData();

let model: SchemaModel | undefined;
export function conformanceModel(): SchemaModel {
  model ??= modelFromSdl(CONFORMANCE_SDL);
  return model;
}
