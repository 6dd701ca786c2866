/**
 * Apollo federation's `_service { sdl }`: the SDL a gateway composes, under
 * the response keys the request chose (`s: sdl`, fragments on `_Service`).
 * The SDL itself is the generated API's (api/federation.ts).
 */
import type { SchemaModel } from '../model/types.js';
import { collectFor } from './collect.js';
import type { PlanContext } from './context.js';
import type { RootFieldInfo } from './root.js';

export function serviceAnswer(model: SchemaModel, info: RootFieldInfo, sdl: string): Record<string, string> {
  const ctx: PlanContext = { model, schema: info.schema, fragments: info.fragments, variables: info.variableValues };
  const answer: Record<string, string> = {};
  for (const [key, [field]] of collectFor(ctx, '_Service', info.fieldNodes.map((n) => n.selectionSet))) {
    answer[key] = field.name.value === '__typename' ? '_Service' : sdl;
  }
  return answer;
}
