/**
 * The upload checks of `@custom`/`@lambda` that need the running service:
 * a lambda server must be configured for `@lambda` (Dgraph checks its
 * `--graphql lambda-url` the same way), introspection headers must name a
 * `# Dgraph.Secret`, and the remote schema behind `graphql:` must have the
 * operation with the field's return type, unless `skipIntrospection`
 * (graphql/schema/remote.go). Every message names the field, as Dgraph's do.
 */
import { print } from 'graphql';
import type { CustomSpec, SchemaModel } from '../../model/types.js';
import { SchemaError } from '../../sdl/errors.js';
import { CallFailedError } from './http-client.js';
import type { HttpClient } from './http-client.js';

interface CustomSite {
  readonly type: string;
  readonly field: string;
  /** The field's type as written: `[User!]`. */
  readonly returns: string;
  readonly spec: CustomSpec;
}

export async function checkCustomAtUpload(
  model: SchemaModel, secrets: ReadonlyMap<string, string>, client: HttpClient, lambdaUrl: string | undefined,
): Promise<SchemaError[]> {
  const sites = customSites(model);
  const errors: SchemaError[] = [];
  for (const site of sites.filter((s) => s.spec.lambda && !lambdaUrl)) {
    errors.push(
      new SchemaError(
        `Type ${site.type}; Field ${site.field}: has the @lambda directive, but the --lambda-url flag (AUTHLINE_LAMBDA_URL) wasn't specified when authline started.`,
        [site.spec.loc],
      ),
    );
  }
  const remote = sites.filter((s) => s.spec.graphql && !s.spec.skipIntrospection);
  const checked = await Promise.all(remote.map((site) => checkRemote(site, secrets, client)));
  return [...errors, ...checked.flat()];
}

function customSites(model: SchemaModel): CustomSite[] {
  const sites: CustomSite[] = model.customRoots.map((r) => ({
    type: r.operation === 'query' ? 'Query' : 'Mutation', field: r.name, returns: print(r.astNode.type), spec: r.custom,
  }));
  for (const type of model.types.values()) {
    for (const field of type.fields) {
      // An interface's field is checked where it is declared.
      if (field.custom && field.astNode && field.declaredIn === type.name) {
        sites.push({ type: type.name, field: field.name, returns: print(field.astNode.type), spec: field.custom });
      }
    }
  }
  return sites;
}

async function checkRemote(site: CustomSite, secrets: ReadonlyMap<string, string>, client: HttpClient): Promise<SchemaError[]> {
  const prefix = `Type ${site.type}; Field ${site.field}`;
  const at = [site.spec.loc];
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const { remote, local } of site.spec.introspectionHeaders) {
    const value = secrets.get(local);
    if (value === undefined) {
      return [
        new SchemaError(
          `${prefix}; introspectionHeaders in @custom directive should use secrets to store the header value. To do that specify \`${local}\` in this format '#Dgraph.Secret name value' at the bottom of your schema file.`,
          at,
        ),
      ];
    }
    headers[remote.toLowerCase()] = value;
  }
  const problem = await introspectionProblem(site, headers, client);
  return problem ? [new SchemaError(`${prefix}: inside graphql in @custom directive, ${problem}`, at)] : [];
}

interface IntrospectedType {
  kind: string;
  name: string | null;
  ofType?: IntrospectedType | null;
}

interface IntrospectedField {
  name: string;
  type: IntrospectedType;
  args: { name: string }[];
}

const INTROSPECTION = `query { __schema { queryType { name } mutationType { name } types { name fields { name args { name } type { ...T } } } } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }`;

/** What is wrong with the remote schema for this field, in Dgraph's words; null when it fits. */
async function introspectionProblem(site: CustomSite, headers: Record<string, string>, client: HttpClient): Promise<string | null> {
  const graphql = site.spec.graphql!;
  const url = site.spec.url;
  if (new URL(url).search !== '') return `POST method cannot have query parameters in url: ${url}`;
  let answer: { data?: { __schema?: { queryType?: { name: string } | null; mutationType?: { name: string } | null; types?: { name: string; fields?: IntrospectedField[] | null }[] } } };
  try {
    const response = await client.send({ method: 'POST', url, headers, body: JSON.stringify({ query: INTROSPECTION }) });
    answer = JSON.parse(response.text) as typeof answer;
  } catch (error) {
    if (error instanceof CallFailedError) return error.message;
    return `while json unmarshaling result from remote introspection query: ${(error as Error).message}`;
  }
  const schema = answer.data?.__schema;
  const root = graphql.operation === 'query' ? schema?.queryType : schema?.mutationType;
  if (!root) return graphql.operation === 'query' ? "remote schema doesn't have any queries." : "remote schema doesn't have any mutations.";
  const rootType = schema?.types?.find((t) => t.name === root.name);
  if (!rootType) return `remote schema doesn't have any type named ${root.name}.`;
  const remoteField = rootType.fields?.find((f) => f.name === graphql.field);
  if (!remoteField) return `${graphql.operation} \`${graphql.field}\` is not present in remote schema.`;
  const expected = site.spec.mode === 'BATCH' ? `[${site.returns}]` : site.returns;
  const got = typeString(remoteField.type);
  if (expected !== got) return `found return type mismatch for ${graphql.operation} \`${graphql.field}\`, expected \`${expected}\`, got \`${got}\`.`;
  if (site.spec.mode === 'BATCH' && remoteField.args.length !== 1) {
    return `remote ${graphql.operation} \`${graphql.field}\` accepts ${remoteField.args.length} arguments, It must have only one argument of the form \`[{param1: $var1, param2: $var2, ...}]\` for BATCH mode.`;
  }
  return null;
}

function typeString(type: IntrospectedType | null | undefined): string {
  if (!type) return '';
  if (type.kind === 'NON_NULL') return `${typeString(type.ofType)}!`;
  if (type.kind === 'LIST') return `[${typeString(type.ofType)}]`;
  return type.name ?? '';
}
