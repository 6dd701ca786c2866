/**
 * The upload pipeline without side effects: SDL text → auth line, type model,
 * generated API, compiled rules. Every stage reports its mistakes, and all of
 * them come back together, in SDL order, so one upload lists them all.
 * Nothing here touches the network or the database (`authline check` runs it
 * offline).
 */
import type { GraphQLSchema } from 'graphql';
import { generateApi, type GeneratedApi } from '../api/index.js';
import { readAuthorization } from '../authline/index.js';
import type { AuthConfig } from '../authline/types.js';
import { buildModel } from '../model/index.js';
import type { SchemaModel } from '../model/types.js';
import { compileRules, type CompiledRules } from '../rules/index.js';
import { inSourceOrder, SchemaError } from '../sdl/errors.js';
import { parseSdl } from '../sdl/index.js';
import { offlineWarnings, type SchemaWarning } from './schema-warnings.js';

export interface CompiledSchema {
  readonly sdl: string;
  readonly auth: AuthConfig | null;
  readonly allowOrigins: readonly string[];
  /** `# Dgraph.Secret` values, sent in `@custom` `secretHeaders`. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly model: SchemaModel;
  readonly api: GeneratedApi;
  readonly rules: CompiledRules;
  /** What the upload accepts but its author most likely did not mean (schema-warnings.ts), in SDL order. */
  readonly warnings: readonly SchemaWarning[];
}

export type CompileResult =
  | { readonly ok: true; readonly schema: CompiledSchema }
  | { readonly ok: false; readonly errors: readonly SchemaError[] };

/**
 * Every stage reads the document recursively, as graphql-js does; a document
 * nested deeper than the stack allows (a 1,000-deep argument value) is the
 * upload's mistake, answered as one, never an internal error.
 */
export function compileSchema(sdl: string): CompileResult {
  try {
    return compileDocument(sdl);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return rejected([new SchemaError('The schema nests too deeply to be read (a value, type or rule nested thousands of levels): flatten it.')]);
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes('Maximum call stack size exceeded');
}

function compileDocument(sdl: string): CompileResult {
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

  const warnings = offlineWarnings({ sdl, document: parsed.document, auth: line.config, model, declaredRules: rules.declared });
  return {
    ok: true,
    schema: { sdl, auth: line.config, allowOrigins: parsed.allowOrigins, secrets: parsed.secrets, model, api, rules, warnings },
  };
}

/** Every error of `sdl`, sorted by position (empty when the schema is good). */
export function checkSchema(sdl: string): SchemaError[] {
  const result = compileSchema(sdl);
  return result.ok ? [] : [...result.errors];
}

/** The warnings `sdl` would be uploaded with, short of the network's (empty when it has errors: those come first). */
export function schemaWarnings(sdl: string): SchemaWarning[] {
  const result = compileSchema(sdl);
  return result.ok ? [...result.schema.warnings] : [];
}

function rejected(errors: SchemaError[]): CompileResult {
  return { ok: false, errors: inSourceOrder(errors) };
}
