/**
 * Runs one policy file on the real engine, in memory: a service on an
 * in-memory PGlite store, the schema uploaded (with the throwaway key when
 * the line needs one), the data imported (bypassing @auth, as
 * /admin/import does), then each case in order, as one GraphQL request
 * with the token the case asks for. Cases share the store: a mutation's
 * effect is seen by the cases after it.
 */
import { AssertionError, deepStrictEqual } from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { GraphQLError, parse, validate, type ExecutionResult } from 'graphql';
import type { LoadedSchema } from '../../engine/types.js';
import type { Runtime } from '../runtime.js';
import type { PolicyCase, PolicyFile } from './case-file.js';
import { lineTokens, type LineTokens } from './line-tokens.js';

export interface CaseOutcome {
  readonly name: string;
  readonly outcome: 'passed' | 'failed';
  /** Why it failed: the expected and actual values, as a diff. */
  readonly diff?: string;
}

export interface FileOutcome {
  readonly file: string;
  /** What the run changed to serve the schema (a throwaway key pair). */
  readonly notes: readonly string[];
  readonly cases: readonly CaseOutcome[];
}

export async function runPolicyFile(file: PolicyFile, rt: Runtime): Promise<FileOutcome> {
  const tokens = await lineTokens(await readText(file.schema));
  const silent = { info() {}, warn() {}, error() {} };
  const service = await rt.createService({ store: { kind: 'memory' }, logger: silent });
  try {
    const schema = await service.uploadSchema(tokens.sdl);
    if (file.data !== undefined) await service.importData(JSON.parse(await readText(file.data)));
    const cases: CaseOutcome[] = [];
    for (const policyCase of file.cases) cases.push(await runCase(schema, tokens, policyCase, file.debug));
    return { file: file.path, notes: tokens.substitution === null ? [] : [`${file.schema}: ${tokens.substitution}`], cases };
  } finally {
    await service.close();
  }
}

async function runCase(schema: LoadedSchema, tokens: LineTokens, policyCase: PolicyCase, debug: boolean): Promise<CaseOutcome> {
  const token = await tokens.token(policyCase.claims, policyCase.token);
  const headers = token === undefined || tokens.header === null ? {} : { [tokens.header.toLowerCase()]: token };
  const answer = await request(schema, policyCase, headers, debug);
  const diff = mismatch(policyCase, answer);
  return diff === undefined ? { name: policyCase.name, outcome: 'passed' } : { name: policyCase.name, outcome: 'failed', diff };
}

/** One GraphQL request as /graphql runs it: parse, validate, read the token, execute. */
async function request(schema: LoadedSchema, policyCase: PolicyCase, headers: Record<string, string>, debug: boolean): Promise<ExecutionResult> {
  let document;
  try {
    document = parse(policyCase.query);
  } catch (error) {
    return { errors: [error as GraphQLError] };
  }
  const invalid = validate(schema.schema, document, schema.validationRules);
  if (invalid.length > 0) return { errors: invalid };
  const prepared = await schema.prepare({ headers, debug });
  if ('errors' in prepared) return { errors: prepared.errors };
  return schema.execute({ document, variableValues: policyCase.variables ?? null, contextValue: prepared.contextValue });
}

/** What differs from the case's expectation, as a readable diff; undefined when the answer is as expected. */
function mismatch(policyCase: PolicyCase, answer: ExecutionResult): string | undefined {
  const messages = (answer.errors ?? []).map((error) => error.message);
  if (policyCase.errors === undefined && messages.length > 0) return `expected no errors, got:\n${messages.map((m) => `  ${m}`).join('\n')}`;
  const missing = (policyCase.errors ?? []).filter((expected) => !messages.some((message) => message.includes(expected)));
  if (missing.length > 0) {
    return `expected errors containing:\n${missing.map((m) => `  ${m}`).join('\n')}\ngot:\n${messages.map((m) => `  ${m}`).join('\n') || '  (no errors)'}`;
  }
  if (!('data' in policyCase)) return undefined;
  try {
    deepStrictEqual(JSON.parse(JSON.stringify(answer.data ?? null)), policyCase.data);
    return undefined;
  } catch (error) {
    if (!(error instanceof AssertionError)) throw error;
    return `data differs (+ actual, - expected):\n${error.message.split('\n').slice(1).join('\n').trim()}`;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}
