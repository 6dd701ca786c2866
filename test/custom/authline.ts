/** A real authline (PGlite in memory, the HTTP server on 127.0.0.1) for the @custom/@lambda tests. */
import { createService } from '../../src/engine/index.js';
import type { AuthlineService, CustomOptions } from '../../src/engine/index.js';
import { jsonLogger, startServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';

export interface RunningAuthline {
  readonly url: string;
  readonly service: AuthlineService;
  /** POST /graphql; answers the parsed body. */
  graphql(query: string, options?: { variables?: Record<string, unknown>; headers?: Record<string, string> }): Promise<any>;
  close(): Promise<void>;
}

export async function startAuthline(sdl: string | null, custom: CustomOptions = {}, log: (event: Record<string, unknown>) => void = () => {}): Promise<RunningAuthline> {
  const service = await createService({ store: await openStore(), custom, log });
  if (sdl !== null) await service.uploadSchema(sdl);
  const server = await startServer(service, { host: '127.0.0.1', port: 0, logger: jsonLogger(() => {}) });
  return {
    url: server.url,
    service,
    async graphql(query, options = {}) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        body: JSON.stringify({ query, variables: options.variables }),
      });
      return res.json();
    },
    async close() {
      await server.close();
      await service.close();
    },
  };
}
