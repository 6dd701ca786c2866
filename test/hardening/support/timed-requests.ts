/** Requests to a running server, timed: the fault suite bounds how long each answer takes. */

export interface TimedAnswer {
  readonly status: number;
  readonly requestId: string | null;
  /** The body as sent. */
  readonly text: string;
  readonly body: any;
  readonly ms: number;
}

async function timed(url: string, init?: RequestInit): Promise<TimedAnswer> {
  const started = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, requestId: res.headers.get('x-request-id'), text, body: JSON.parse(text), ms: performance.now() - started };
}

export function timedGraphQL(base: string, query: string, variables?: Record<string, unknown>): Promise<TimedAnswer> {
  return timed(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
}

export function timedHealth(base: string): Promise<TimedAnswer> {
  return timed(`${base}/health`);
}
