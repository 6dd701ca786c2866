/**
 * What an upload accepts but its author most likely did not mean: the
 * answer to POST /admin/schema lists these in `extensions.warnings`, and
 * `authline check` prints them (`--strict` fails on them). None stops an
 * upload: Dgraph accepts each of these schemas.
 */
import { visit, type DocumentNode } from 'graphql';
import { authLineWarnings, misplacedAuthMarkers } from '../authline/index.js';
import type { AuthConfig } from '../authline/types.js';
import { INERT_DIRECTIVES } from '../model/index.js';
import type { SchemaModel } from '../model/types.js';
import type { Rule, TypeRules } from '../rules/index.js';
import { positionOf } from '../model/ast.js';
import type { SourcePosition } from '../sdl/errors.js';
import type { JwksStatus } from '../verifier/index.js';

export type SchemaWarningCode =
  | 'AUTH_LINE_NOT_AT_LINE_START'
  | 'RULE_VARIABLES_WITHOUT_AUTH_LINE'
  | 'DIRECTIVE_WITHOUT_EFFECT'
  | 'WEAK_HMAC_SECRET'
  | 'JWKS_INSECURE_URL'
  | 'AUDIENCE_NOT_REQUIRED'
  | 'JWKS_UNAVAILABLE';

export interface SchemaWarning {
  readonly code: SchemaWarningCode;
  readonly message: string;
  readonly locations: readonly SourcePosition[];
}

/** What the offline warnings are read from: the upload as compiled. */
export interface WarnedSchema {
  readonly sdl: string;
  readonly document: DocumentNode;
  readonly auth: AuthConfig | null;
  readonly model: SchemaModel;
  readonly declaredRules: ReadonlyMap<string, TypeRules>;
}

/** Every warning that needs neither the network nor the store, in SDL order. */
export function offlineWarnings(schema: WarnedSchema): SchemaWarning[] {
  const warnings = [
    ...misplacedLine(schema),
    ...variablesWithoutLine(schema),
    ...inertDirectives(schema.document),
    ...(schema.auth === null
      ? []
      : authLineWarnings(schema.auth).map(({ code, message }) => ({ code, message, locations: [schema.auth!.loc] }))),
  ];
  return warnings.sort((a, b) => order(a) - order(b));
}

/** Key sets the verifier could not fetch while the upload was loaded. */
export function unavailableKeyWarnings(auth: AuthConfig, status: readonly JwksStatus[]): SchemaWarning[] {
  return status
    .filter((set) => set.state === 'unavailable')
    .map((set) => ({
      code: 'JWKS_UNAVAILABLE',
      message:
        `the keys at ${set.url} could not be fetched at upload${set.lastError ? ` (${set.lastError})` : ''}: ` +
        'tokens they sign are refused until a retry in the background gets them (GET /health shows when)',
      locations: [auth.loc],
    }));
}

function order(warning: SchemaWarning): number {
  const at = warning.locations[0];
  return at === undefined ? 0 : at.line * 1e6 + at.column;
}

function misplacedLine({ sdl, auth }: WarnedSchema): SchemaWarning[] {
  if (auth !== null) return [];
  return misplacedAuthMarkers(sdl).map((at) => ({
    code: 'AUTH_LINE_NOT_AT_LINE_START',
    message:
      '"Dgraph.Authorization" appears here but not at the start of a line, so the schema has no auth line and no token is read. ' +
      'Uploading with curl -d strips newlines: use curl --data-binary @schema.graphql',
    locations: [at],
  }));
}

function variablesWithoutLine({ auth, model, declaredRules }: WarnedSchema): SchemaWarning[] {
  if (auth !== null) return [];
  const warnings: SchemaWarning[] = [];
  for (const [name, rules] of declaredRules) {
    const variables = [...new Set(Object.values(rules).flatMap((rule) => (rule ? variablesOf(rule) : [])))];
    if (variables.length === 0) continue;
    warnings.push({
      code: 'RULE_VARIABLES_WITHOUT_AUTH_LINE',
      message:
        `the @auth rules of ${name} read ${variables.map((v) => `$${v}`).join(', ')}, but the schema has no # Dgraph.Authorization line: ` +
        'no token is read, so every variable is missing and these rules hold for nobody',
      locations: [positionOf(model.types.get(name)?.authDirective)],
    });
  }
  return warnings;
}

function variablesOf(rule: Rule): string[] {
  switch (rule.kind) {
    case 'and':
    case 'or':
      return rule.items.flatMap(variablesOf);
    case 'not':
      return variablesOf(rule.item);
    case 'rbac':
      return [rule.variable];
    case 'graph':
      return [...rule.variables];
  }
}

function inertDirectives(document: DocumentNode): SchemaWarning[] {
  const warnings: SchemaWarning[] = [];
  visit(document, {
    Directive(node) {
      const why = INERT_DIRECTIVES.get(node.name.value);
      if (why !== undefined) {
        warnings.push({ code: 'DIRECTIVE_WITHOUT_EFFECT', message: `@${node.name.value} has no effect in authline: ${why}`, locations: [positionOf(node)] });
      }
    },
  });
  return warnings;
}
