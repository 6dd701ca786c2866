/**
 * Stage 10, library mode: authline's auth on any executable GraphQL schema
 * whose resolvers the application writes. From the SDL: the auth line (→ a
 * verifier) and the RBAC `@auth` rules, each mistake reported as an upload
 * reports it. On the schema: every resolver that a rule or the token
 * concerns is wrapped (graphql-tools' mapSchema), so ClosedByDefault,
 * invalid tokens, guards and query rules hold whatever the resolvers do.
 * Per request: the token read and verified once (Koa middleware, or
 * `contextFor` for any other server).
 *
 * ```ts
 * const auth = await createAuthline({ typeDefs: sdl });
 * const schema = auth.applyTo(makeExecutableSchema({ typeDefs: [authDirectiveTypeDefs, sdl], resolvers }));
 * app.use(auth.koa());   // then context: { authline: ctx.state.authline }
 * ```
 */
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { readAuthorization } from '../authline/index.js';
import { verifierForLine } from '../engine/line-verifier.js';
import { inSourceOrder, SchemaRejectedError } from '../sdl/errors.js';
import type { RequestHeaders } from '../verifier/types.js';
import { enforceField } from './enforce.js';
import { planFields } from './field-plan.js';
import { koaMiddleware } from './koa.js';
import { LibraryAuthContext } from './auth-context.js';
import { LibraryRules } from './library-rules.js';
import { mismatches } from './schema-match.js';
import { readSdlRules } from './sdl-rules.js';
import type { AuthContext, Authline, AuthlineOptions, HeaderLookup } from './types.js';

export { authDirectiveTypeDefs } from './directive-sdl.js';
export type { AuthContext, Authline, AuthlineContext, AuthlineOptions, FieldOperation, HeaderLookup } from './types.js';

/**
 * Reads the SDL and builds the verifier (fetching JWKS keys, if the line
 * names any). Throws SchemaRejectedError listing every mistake of the line
 * and the rules, graph-traversal rules included (library mode cannot
 * enforce them).
 */
export async function createAuthline(options: AuthlineOptions): Promise<Authline> {
  const line = readAuthorization(options.typeDefs);
  const sdlRules = readSdlRules(options.typeDefs);
  if (line.errors.length > 0 || sdlRules.rules === null) throw new SchemaRejectedError(inSourceOrder([...line.errors, ...sdlRules.errors]));
  const sdl = sdlRules.rules;
  const rules = new LibraryRules(sdl.schema, sdl.declared, sdl.declaredFields);
  const config = line.config;
  const verifier = config === null ? null : await verifierForLine(config, options.verifier);
  const reading = config === null || verifier === null ? null : { verifier, closedByDefault: config.closedByDefault };
  const operations = options.operations ?? {};

  // Only the line's header and the cookies are ever read.
  const tokenHeaders = config === null ? [] : [config.header, 'cookie'];
  const contextFor = (headers: RequestHeaders | HeaderLookup): Promise<AuthContext> =>
    LibraryAuthContext.read(reading, asRecord(headers, tokenHeaders), rules);

  return {
    applyTo(schema: GraphQLSchema): GraphQLSchema {
      const { plans, errors } = planFields(schema, rules, operations);
      const problems = [...mismatches(schema, sdl), ...errors];
      if (problems.length > 0) throw new SchemaRejectedError(problems);
      return mapSchema(schema, {
        [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
          const plan = plans.get(`${typeName}.${fieldName}`);
          return plan ? enforceField(field, plan, rules) : field;
        },
      });
    },
    contextFor,
    koa: () => koaMiddleware(contextFor),
    close: () => verifier?.close(),
  };
}

/** Fetch Headers (the platform's or a ponyfill's, as graphql-yoga's) and graphql-http's getter, as a record. */
function asRecord(headers: RequestHeaders | HeaderLookup, names: readonly string[]): RequestHeaders {
  if (typeof headers.get !== 'function') return headers as RequestHeaders;
  const lookup = headers as HeaderLookup;
  return Object.fromEntries(names.map((name) => [name.toLowerCase(), lookup.get(name) ?? undefined]));
}
