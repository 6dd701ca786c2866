/** A SchemaModel from SDL through the real stages; a schema with mistakes fails the test at once. */
import { buildModel } from '../../../src/model/index.js';
import type { SchemaModel } from '../../../src/model/types.js';
import { parseSdl } from '../../../src/sdl/index.js';

export function modelFromSdl(sdl: string): SchemaModel {
  const parsed = parseSdl(sdl);
  const built = parsed.document ? buildModel(parsed.document) : undefined;
  const errors = [...parsed.errors, ...(built?.errors ?? [])];
  if (!built || errors.length > 0) throw new Error(`test schema has errors:\n${errors.map((e) => e.message).join('\n')}`);
  return built.model;
}
