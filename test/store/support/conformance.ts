/** The Dgraph e2e auth schema and data (read from the shared folder, never copied into the repo). */
import { readFileSync } from 'node:fs';
import type { SchemaModel } from '../../../src/model/types.js';
import { modelFromSdl } from './model.js';

const DIR = process.env.AUTHLINE_CONFORMANCE_DIR ?? '/work/shared/conformance/dgraph-e2e-auth';

export const CONFORMANCE_SDL = readFileSync(`${DIR}/schema.graphql`, 'utf8');
export const CONFORMANCE_DATA: unknown = JSON.parse(readFileSync(`${DIR}/test_data.json`, 'utf8'));

let model: SchemaModel | undefined;
export function conformanceModel(): SchemaModel {
  model ??= modelFromSdl(CONFORMANCE_SDL);
  return model;
}
