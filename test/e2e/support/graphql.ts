/** GraphQL over HTTP as Dgraph's e2e harness speaks it: POST JSON, the token bare in X-Test-Auth. */
import { HEADER } from './tokens.js';
import type { AuthVars, Signer, TokenOptions } from './tokens.js';

export interface GraphQLRequest {
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Send a token minted with these auth variables (the harness's claims shape). */
  readonly as?: AuthVars;
  /** How to mint the token for `as`. */
  readonly tokenOptions?: TokenOptions;
  /** Send exactly this X-Test-Auth value (a raw or broken token, `Bearer ...`). */
  readonly header?: string;
}

export interface GraphQLErrorJSON {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly locations?: readonly unknown[];
  readonly extensions?: unknown;
}

export interface GraphQLResponse {
  readonly status: number;
  /** Whether the answer has a `data` key at all (a request error has none). */
  readonly hasData: boolean;
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLErrorJSON[];
}

export class GraphQLClient {
  constructor(
    readonly url: string,
    readonly signer: Signer,
  ) {}

  token(vars: AuthVars, options?: TokenOptions): Promise<string> {
    return this.signer.token(vars, options);
  }

  async post(query: string, request: GraphQLRequest = {}): Promise<GraphQLResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (request.as) headers[HEADER] = await this.token(request.as, request.tokenOptions);
    if (request.header !== undefined) headers[HEADER] = request.header;
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: request.variables }),
    });
    const text = await res.text();
    let body: { data?: Record<string, unknown> | null; errors?: GraphQLErrorJSON[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`POST /graphql answered ${res.status} with a body that is not JSON: ${text.slice(0, 500)}`);
    }
    return { status: res.status, hasData: 'data' in body, data: body.data, errors: body.errors };
  }
}
