/**
 * The one way authline calls out for `@custom`, `@lambda`, webhooks and the
 * remote schema check: fetch with a timeout, an answer read up to a size
 * limit, and at most `maxConcurrent` calls in flight per process.
 */
import type { ResolvedCustomOptions } from './options.js';

export interface OutboundRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON-encoded already; absent for no body. */
  readonly body?: string;
}

export interface InboundResponse {
  readonly status: number;
  readonly text: string;
}

/** A call that produced no answer: refused, timed out, too large. The message is Go-like, as Dgraph's net/http errors. */
export class CallFailedError extends Error {
  override readonly name = 'CallFailedError';
}

export class HttpClient {
  #inFlight = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly options: ResolvedCustomOptions) {}

  async send(request: OutboundRequest, timeoutMs = this.options.timeoutMs): Promise<InboundResponse> {
    await this.#acquire();
    try {
      return await this.#send(request, timeoutMs);
    } finally {
      this.#release();
    }
  }

  async #send(request: OutboundRequest, timeoutMs: number): Promise<InboundResponse> {
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal,
        redirect: 'error',
      });
    } catch (error) {
      throw new CallFailedError(describeFailure(request, error, timeoutMs));
    }
    try {
      return { status: response.status, text: await readLimited(response, this.options.maxResponseBytes) };
    } catch (error) {
      if (error instanceof CallFailedError) throw error;
      throw new CallFailedError(describeFailure(request, error, timeoutMs));
    }
  }

  async #acquire(): Promise<void> {
    if (this.#inFlight < this.options.maxConcurrent) {
      this.#inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#inFlight -= 1;
  }
}

async function readLimited(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    await response.body?.cancel();
    throw new CallFailedError(`response body larger than ${limit} bytes`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) {
      throw new CallFailedError(`response body larger than ${limit} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeFailure(request: OutboundRequest, error: unknown, timeoutMs: number): string {
  const verb = request.method.charAt(0) + request.method.slice(1).toLowerCase();
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `${verb} "${request.url}": context deadline exceeded (timeout ${timeoutMs} ms)`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
  return `${verb} "${request.url}": ${cause}`;
}
