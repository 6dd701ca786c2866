/**
 * The package's public API (src/index.ts) is what users need and nothing
 * internal: this pins every name it exports, values and types alike (read
 * with TypeScript's checker), and the errors under `errors`. A change here
 * is a change users see: say it in the docs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import ts from 'typescript';
import * as authline from '../src/index.js';

const VALUES = [
  'ADMIN_TOKEN_HEADER',
  'AuthlineMetrics',
  'authDirectiveTypeDefs',
  'checkSchema',
  'createApp',
  'createAuthline',
  'createService',
  'errors',
  'jsonLogger',
  'openStore',
  'startServer',
];

const TYPES = [
  'AuthConfig',
  'AuthContext',
  'AuthOperation',
  'Authline',
  'AuthlineContext',
  'AuthlineOptions',
  'AuthlineService',
  'Claims',
  'EngineObserver',
  'ErrorCode',
  'FieldOperation',
  'HeaderLookup',
  'Health',
  'ImportResult',
  'IntrospectionPolicy',
  'JwksStatus',
  'LoadedSchema',
  'LogFields',
  'Logger',
  'RequestHeaders',
  'RequestInfo',
  'RunningServer',
  'ServerOptions',
  'ServiceOptions',
  'SourcePosition',
  'Store',
  'StoreObserver',
  'StoreOptions',
  'StoredSchema',
  'VerifierObserver',
  'VerifierOptions',
  'VerifierWarning',
  'VerifierWarningCode',
];

const ERRORS = [
  'AlgorithmNotAllowedError',
  'AudienceMismatchError',
  'AudienceMissingError',
  'AudienceNotConfiguredError',
  'AuthTokenError',
  'AuthorizationError',
  'BearerFormatError',
  'DataDirInUseError',
  'ERROR_CODES',
  'EmbeddedKeyRefusedError',
  'ImportError',
  'IssuerMismatchError',
  'JwksUnavailableError',
  'KidMissingError',
  'KidUnknownError',
  'MutationFailedError',
  'MutationInputError',
  'QueryEdgeLimitError',
  'SchemaError',
  'SchemaRejectedError',
  'SignatureInvalidError',
  'StoreError',
  'TokenExpiredError',
  'TokenMalformedError',
  'TokenMissingError',
  'TokenNotYetValidError',
  'ValueError',
];

const sorted = (names: Iterable<string>) => [...names].sort((a, b) => a.localeCompare(b));

test('the package exports these values, and nothing else', () => {
  assert.deepEqual(sorted(Object.keys(authline)), sorted(VALUES));
  assert.deepEqual(sorted(Object.keys(authline.errors)), sorted(ERRORS));
});

test('and these names in all, types included', () => {
  const config = ts.getParsedCommandLineOfConfigFile(resolve('tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  assert.ok(config);
  const program = ts.createProgram([resolve('src/index.ts')], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const exportsOf = (symbol: ts.Symbol) => checker.getExportsOfModule(symbol).map((s) => s.name);
  const index = checker.getSymbolAtLocation(program.getSourceFile(resolve('src/index.ts'))!)!;
  assert.deepEqual(sorted(exportsOf(index)), sorted([...VALUES, ...TYPES]));
  const errors = checker.getAliasedSymbol(checker.getExportsOfModule(index).find((s) => s.name === 'errors')!);
  assert.deepEqual(sorted(exportsOf(errors)), sorted([...ERRORS, 'ErrorCode']));
});

test('every error class has a code from ERROR_CODES', () => {
  const codes: readonly string[] = authline.errors.ERROR_CODES;
  assert.equal(new Set(codes).size, codes.length);
  const samples: { code: string }[] = [
    new authline.errors.SchemaError('x'),
    new authline.errors.SchemaRejectedError([]),
    new authline.errors.TokenMissingError(),
    new authline.errors.BearerFormatError('Bearer a b'),
    new authline.errors.TokenExpiredError(new Date(), false),
    new authline.errors.AuthorizationError('newNodes'),
    new authline.errors.MutationInputError(['x']),
    new authline.errors.MutationFailedError('x'),
    new authline.errors.ValueError('x'),
    new authline.errors.QueryEdgeLimitError(1000),
    new authline.errors.ImportError('x'),
    new authline.errors.DataDirInUseError('dir', 'process 1'),
  ];
  for (const error of samples) assert.ok(codes.includes(error.code), `${error.constructor.name}: ${error.code}`);
});
