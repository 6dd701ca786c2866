/**
 * One call of a `@custom`/`@lambda` field: its URL, headers and body built
 * as Dgraph builds them (graphql/schema/wrappers.go getCustomHTTPConfig,
 * custom_http.go), sent through the HttpClient, and the answer decoded as
 * Dgraph decodes it (MakeAndDecodeHTTPRequest): a remote GraphQL answer's
 * errors are "soft" (the data is still used), any REST failure is "hard".
 */
import type { CustomSpec } from '../../model/types.js';
import { fillTemplate, fillUrl } from '../../model/custom/template.js';
import type { Variables } from '../../model/custom/template.js';
import type { RequestHeaders } from '../../verifier/types.js';
import { externalRequestError, jsonUnmarshalError, keyNotFoundError } from './errors.js';
import type { RemoteProblem } from './errors.js';
import { CallFailedError } from './http-client.js';
import type { HttpClient } from './http-client.js';
import { parseRemoteJson } from './remote-values.js';

/** What a request gives every call it makes. */
export interface CallContext {
  readonly client: HttpClient;
  /** The incoming request's headers (lower-cased names), for `forwardHeaders`. */
  readonly headers: RequestHeaders;
  /** `# Dgraph.Secret` values, for `secretHeaders`. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly lambdaUrl?: string;
  /** The schema's auth header name and the caller's token, as lambda bodies carry them. */
  readonly authHeader: { readonly key: string; readonly value: string };
}

/** The field a call is for, as messages name it. */
export interface CallSite {
  readonly type: string;
  readonly field: string;
  readonly spec: CustomSpec;
  /** For remote GraphQL: the caller's selection, printed (`{ name age }`), appended to the operation. */
  readonly selection: string;
}

export interface CallResult {
  /** Undefined when the call failed hard. */
  readonly value?: unknown;
  readonly problems: readonly RemoteProblem[];
}

/** A root field: the arguments fill the URL and body. */
export function callForArguments(ctx: CallContext, site: CallSite, args: Variables): Promise<CallResult> {
  const { spec } = site;
  if (spec.graphql) return send(ctx, site, spec.url, { query: remoteQuery(site), variables: args });
  const body = spec.body === undefined ? undefined : fillTemplate(spec.body, args);
  if (spec.lambda) return send(ctx, site, lambdaUrl(ctx), lambdaBody(ctx, site, { args: body ?? {} }));
  return send(ctx, site, fillUrl(spec.url, args), body);
}

/** A field of a type in SINGLE mode: one parent's fields fill the URL and body. */
export function callForParent(ctx: CallContext, site: CallSite, parent: Variables): Promise<CallResult> {
  const { spec } = site;
  if (spec.graphql) return send(ctx, site, spec.url, { query: remoteQuery(site), variables: parent });
  const body = spec.body === undefined ? undefined : fillTemplate(spec.body, parent);
  return send(ctx, site, fillUrl(spec.url, parent), body);
}

/** A field of a type in BATCH mode: one call for all the (distinct) parents; the answer is a list in their order. */
export function callForParents(ctx: CallContext, site: CallSite, parents: readonly Variables[]): Promise<CallResult> {
  const { spec } = site;
  if (spec.graphql) {
    return send(ctx, site, spec.url, { query: remoteQuery(site), variables: { [spec.graphql.batchVariable ?? '']: parents } });
  }
  const bodies = parents.map((parent) => (spec.body === undefined ? {} : fillTemplate(spec.body, parent)));
  if (spec.lambda) return send(ctx, site, lambdaUrl(ctx), lambdaBody(ctx, site, { parents: bodies }));
  return send(ctx, site, spec.url, bodies);
}

/** Dgraph's lambda request body (GetBodyForLambda): which resolver, its arguments or parents, and the caller's auth header. */
function lambdaBody(ctx: CallContext, site: CallSite, input: { args: unknown } | { parents: unknown }): unknown {
  return { resolver: `${site.type}.${site.field}`, 'X-Dgraph-AccessToken': '', authHeader: ctx.authHeader, ...input };
}

function lambdaUrl(ctx: CallContext): string {
  // The upload refuses @lambda without a lambda URL; a process started without one after the upload cannot call.
  if (!ctx.lambdaUrl) throw new CallFailedError('no lambda server configured (--lambda-url)');
  return ctx.lambdaUrl;
}

/** The operation of `graphql:` with the caller's selection added to its one field. */
function remoteQuery(site: CallSite): string {
  const text = site.spec.graphql?.text ?? '';
  const end = text.lastIndexOf('}');
  return `${text.slice(0, end)}${site.selection}}`;
}

/** The headers of every call: JSON, then the secrets, then what the caller's request forwards. */
export function outgoingHeaders(ctx: Pick<CallContext, 'headers' | 'secrets'>, spec: CustomSpec): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const { remote, local } of spec.secretHeaders) {
    const value = ctx.secrets.get(local);
    if (value !== undefined) headers[remote.toLowerCase()] = value;
  }
  for (const { remote, local } of spec.forwardHeaders) {
    const value = ctx.headers[local.toLowerCase()];
    if (value !== undefined) headers[remote.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

async function send(ctx: CallContext, site: CallSite, url: string, body: unknown): Promise<CallResult> {
  const { spec } = site;
  const method = spec.lambda ? 'POST' : spec.method;
  // fetch cannot send a body with GET; Dgraph would (documented in docs/custom.md).
  const withBody = body !== undefined && method !== 'GET';
  let response;
  try {
    response = await ctx.client.send({
      method,
      url,
      headers: spec.lambda ? { 'content-type': 'application/json' } : outgoingHeaders(ctx, spec),
      ...(withBody ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    if (error instanceof CallFailedError) return { problems: [externalRequestError(error.message, site.field, site.type)] };
    throw error;
  }
  return decode(site, response.status, response.text);
}

function decode(site: CallSite, status: number, text: string): CallResult {
  const { field, type, spec } = site;
  const parsed = parseJson(text);
  if (spec.graphql) {
    if (!parsed.ok) return { problems: [jsonUnmarshalError(parsed.reason, field, type)] };
    const answer = (parsed.value ?? {}) as { data?: Record<string, unknown> | null; errors?: unknown };
    const soft = remoteErrors(answer.errors);
    const data = answer.data;
    if (!data || typeof data !== 'object' || !(spec.graphql.field in data)) {
      return { problems: [...soft, keyNotFoundError(spec.graphql.field, field, type)] };
    }
    return { value: data[spec.graphql.field], problems: soft };
  }
  if (status >= 200 && status < 300) {
    return parsed.ok ? { value: parsed.value, problems: [] } : { problems: [jsonUnmarshalError(parsed.reason, field, type)] };
  }
  // A failed REST call may still explain itself the GraphQL way.
  const explained = parsed.ok ? remoteErrors((parsed.value as { errors?: unknown } | null)?.errors) : [];
  return { problems: explained.length > 0 ? explained : [externalRequestError(`unexpected error with: ${status}`, field, type)] };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: parseRemoteJson(text) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** `errors` of a GraphQL answer, as problems (messages and extensions kept). */
function remoteErrors(errors: unknown): RemoteProblem[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e: unknown) => {
    const error = (e ?? {}) as { message?: unknown; extensions?: unknown };
    const extensions = error.extensions !== null && typeof error.extensions === 'object' ? { extensions: error.extensions as Record<string, unknown> } : {};
    return { message: typeof error.message === 'string' ? error.message : JSON.stringify(e), ...extensions };
  });
}
