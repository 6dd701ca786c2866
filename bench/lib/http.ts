/** One GraphQL request over HTTP, as the load generator sends it. */
export interface Request {
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body: `{"query": ..., "variables": ...}`. */
  readonly body: string;
}

export interface Answer {
  readonly status: number;
  readonly json: { data?: Record<string, unknown> | null; errors?: unknown[] };
}

export async function post(url: string, request: Request): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
  const text = await res.text();
  try {
    return { status: res.status, json: JSON.parse(text) };
  } catch {
    throw new Error(`${url} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
}

export function graphql(query: string, token?: string, variables?: Record<string, unknown>): Request {
  return { headers: token === undefined ? {} : { 'x-auth': `Bearer ${token}` }, body: JSON.stringify({ query, variables }) };
}
