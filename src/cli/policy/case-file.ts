/**
 * A policy-test file of `authline test` (docs/cli.md#authline-test): YAML,
 * or the same as JSON (JSON is YAML). Read whole and checked before any
 * case runs, so a mistake in the file is reported with where it is, and
 * nothing runs.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** What a case sends instead of minted claims. */
export type TokenChoice = 'none' | 'expired' | 'bad-signature' | { readonly literal: string };

export interface PolicyCase {
  readonly name: string;
  /** Claims minted into the token for the schema's line (valid, or as `token` spoils it); null: none given. */
  readonly claims: Readonly<Record<string, unknown>> | null;
  readonly token: TokenChoice | null;
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The expected `data`, compared exactly; undefined: not compared. */
  readonly data?: unknown;
  /** Substrings the answer's error messages must have, each in some error; undefined: the answer must have none. */
  readonly errors?: readonly string[];
}

export interface PolicyFile {
  readonly path: string;
  /** Absolute paths (the file names them relative to itself). */
  readonly schema: string;
  readonly data?: string;
  /** Answer as `--debug` does: errors Dgraph hides ("authorization failed") are shown. */
  readonly debug: boolean;
  readonly cases: readonly PolicyCase[];
}

const TOKEN_WORDS = ['none', 'expired', 'bad-signature'] as const;

export async function readPolicyFile(path: string, cwd: string): Promise<PolicyFile> {
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new Error(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new Error(`${path}: not YAML or JSON: ${(error as Error).message}`);
  }
  const fail = (where: string, what: string): never => {
    throw new Error(`${path}: ${where} ${what}`);
  };
  if (!isObject(document)) return fail('the file', 'must be a mapping with schema, data and cases');
  const unknown = Object.keys(document).filter((key) => !['schema', 'data', 'debug', 'cases'].includes(key));
  if (unknown.length > 0) fail(`"${unknown[0]}"`, 'is not a key of a policy file (schema, data, debug, cases)');
  if (typeof document.schema !== 'string') fail('"schema"', 'must be the path of the schema file');
  if (document.data !== undefined && typeof document.data !== 'string') fail('"data"', 'must be the path of a Dgraph JSON data file');
  if (document.debug !== undefined && typeof document.debug !== 'boolean') fail('"debug"', 'must be true or false');
  if (!Array.isArray(document.cases) || document.cases.length === 0) fail('"cases"', 'must be a non-empty list');
  const base = dirname(absolute);
  return {
    path,
    schema: resolve(base, document.schema as string),
    ...(document.data === undefined ? {} : { data: resolve(base, document.data as string) }),
    debug: document.debug === true,
    cases: (document.cases as unknown[]).map((entry, i) => readCase(entry, (what) => fail(`case ${i + 1}:`, what))),
  };
}

function readCase(entry: unknown, fail: (what: string) => never): PolicyCase {
  if (!isObject(entry)) return fail('must be a mapping with name, query and claims or token');
  const unknown = Object.keys(entry).filter((key) => !['name', 'claims', 'token', 'query', 'variables', 'data', 'errors'].includes(key));
  if (unknown.length > 0) fail(`"${unknown[0]}" is not a key of a case (name, claims, token, query, variables, data, errors)`);
  const { name, claims, token, query, variables, errors } = entry;
  if (typeof name !== 'string' || name === '') fail('"name" must be a non-empty string');
  if (typeof query !== 'string' || query.trim() === '') fail('"query" must be a GraphQL document');
  if (claims !== undefined && token !== undefined && token !== 'expired' && token !== 'bad-signature') {
    fail('"claims" go with no "token", or with expired or bad-signature: a token that is none or literal carries none');
  }
  if (claims !== undefined && !isObject(claims)) fail('"claims" must be a mapping of claim names to values');
  if (token !== undefined && typeof token !== 'string') fail(`"token" must be ${TOKEN_WORDS.join(', ')} or a literal token`);
  if (claims === undefined && token === undefined) fail(`give "claims" (a mapping) or "token" (${TOKEN_WORDS.join(', ')} or a literal token)`);
  if (variables !== undefined && !isObject(variables)) fail('"variables" must be a mapping');
  if (errors !== undefined && (!Array.isArray(errors) || !errors.every((e) => typeof e === 'string'))) fail('"errors" must be a list of message substrings');
  return {
    name: name as string,
    claims: (claims as Record<string, unknown> | undefined) ?? null,
    token: token === undefined ? null : (TOKEN_WORDS as readonly string[]).includes(token as string) ? (token as TokenChoice) : { literal: token as string },
    query: query as string,
    ...(variables === undefined ? {} : { variables: variables as Record<string, unknown> }),
    ...('data' in entry ? { data: entry.data } : {}),
    ...(errors === undefined ? {} : { errors: errors as string[] }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
