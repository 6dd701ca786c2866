/**
 * The upload pipeline without side effects: SDL text → auth line, type model,
 * generated API, compiled rules. Every stage reports its mistakes, and all of
 * them come back together, in SDL order, so one upload lists them all.
 * Nothing here touches the network or the database (`authline check` runs it
 * offline).
 */
import type { GraphQLSchema } from 'graphql';
import { generateApi } from '../api/index.js';
import { readAuthorization } from '../authline/index.js';
import type { AuthConfig } from '../authline/types.js';
import { buildModel } from '../model/index.js';
import type { SchemaModel } from '../model/types.js';
import { compileRules, type CompiledRules } from '../rules/index.js';
import { inSourceOrder, type SchemaError } from '../sdl/errors.js';
import { parseSdl } from '../sdl/index.js';

export interface CompiledSchema {
  readonly sdl: string;
  readonly auth: AuthConfig | null;
  readonly allowOrigins: readonly string[];
  /** `# Dgraph.Secret` values, sent in `@custom` `secretHeaders`. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly model: SchemaModel;
  readonly api: { readonly schema: GraphQLSchema; readonly sdl: string };
  readonly rules: CompiledRules;
}

export type CompileResult =
  | { readonly ok: true; readonly schema: CompiledSchema }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

export function compileSchema(sdl: string): CompileResult {
  const errors: SchemaError[] = [];
  const line = readAuthorization(sdl);
  errors.push(...line.errors);
  const parsed = parseSdl(sdl);
  errors.push(...parsed.errors);
  if (parsed.document === null) return rejected(errors);

  const { model, errors: modelErrors } = buildModel(parsed.document);
  errors.push(...modelErrors);
  // Rules are validated against the generated API, which needs a sound model.
  if (modelErrors.length > 0) return rejected(errors);

  const api = generateApi(model);
  const { rules, errors: ruleErrors } = compileRules(model, api.schema);
  errors.push(...ruleErrors);
  if (errors.length > 0) return rejected(errors);

  return {
    ok: true,
    schema: { sdl, auth: line.config, allowOrigins: parsed.allowOrigins, secrets: parsed.secrets, model, api, rules },
  };
}

/** Every error of `sdl`, sorted by position (empty when the schema is good). */
export function checkSchema(sdl: string): SchemaError[] {
  const result = compileSchema(sdl);
  return result.ok ? [] : [...result.errors];
}

function rejected(errors: SchemaError[]): CompileResult {
  return { ok: false, errors: inSourceOrder(errors) };
}
