/**
 * The authline service: one store, the schema being served, and the upload
 * path between them. An upload is compiled completely (and its JWKS keys
 * fetched) before anything changes; only then is it stored and swapped in,
 * so a bad upload changes nothing and requests in flight finish on the schema
 * they started with. Schemas stored by other processes on the same database
 * arrive through the store's change notifications.
 */
import { inSourceOrder, SchemaRejectedError } from '../sdl/errors.js';
import type { ImportOptions, RecordSource, Store, StoredSchema } from '../store/types.js';
import type { JwtVerifier, VerifierOptions } from '../verifier/index.js';
import { compileSchema, type CompiledSchema } from './compile-schema.js';
import { HttpClient } from './custom/http-client.js';
import { resolveCustomOptions, type CustomOptions } from './custom/options.js';
import { checkCustomAtUpload } from './custom/upload-checks.js';
import { verifierForLine } from './line-verifier.js';
import type { EngineObserver } from './observer.js';
import { ServedSchema, type RemoteAccess } from './served-schema.js';
import type { AuthlineService, Health, LoadedSchema } from './types.js';
import { WriteFeed } from './write-feed.js';

export interface ServiceOptions {
  readonly store: Store;
  readonly verifier?: VerifierOptions;
  /** Where warnings go (a remote schema that no longer compiles, ...); default: a JSON log line on stderr. */
  readonly log?: (event: Record<string, unknown>) => void;
  /** Hears about tokens, refusals, schema swaps and (through every verifier) JWKS fetches and cache hits: metrics. */
  readonly observer?: EngineObserver;
  /** `@custom`/`@lambda` calls and webhooks: the lambda URL, timeout and limits. */
  readonly custom?: CustomOptions;
}

export async function createService(options: ServiceOptions): Promise<AuthlineService> {
  const service = new Service(options);
  await service.start();
  return service;
}

class Service implements AuthlineService {
  #current: ServedSchema | null = null;
  /** Uploads and remote swaps run one at a time, in arrival order. */
  #queue: Promise<unknown> = Promise.resolve();
  #unsubscribe: (() => Promise<void>) | undefined;
  #unlistenWrites: (() => Promise<void>) | undefined;
  /** Committed writes, from this process and others on the same database, for every schema's live queries. */
  readonly #writes = new WriteFeed();
  readonly #observer: EngineObserver;
  readonly #verifierOptions: VerifierOptions | undefined;
  readonly #remote: RemoteAccess;

  constructor(private readonly options: ServiceOptions) {
    this.#observer = options.observer ?? {};
    const custom = resolveCustomOptions(options.custom);
    this.#remote = { client: new HttpClient(custom), log: options.log ?? logToStderr, ...(custom.lambdaUrl ? { lambdaUrl: custom.lambdaUrl } : {}) };
    this.#verifierOptions = options.observer ? { ...options.verifier, observer: options.observer } : options.verifier;
  }

  async start(): Promise<void> {
    const stored = await this.options.store.currentSchema();
    if (stored !== null) await this.#adoptStored(stored);
    this.#unsubscribe = await this.options.store.onSchemaChange((schema) => {
      void this.#serialized(() => this.#adoptStored(schema));
    });
    this.#unlistenWrites = await this.options.store.onWrite((types) => this.#writes.publish(types));
  }

  current(): LoadedSchema | null {
    return this.#current;
  }

  uploadSchema(sdl: string): Promise<LoadedSchema> {
    return this.#serialized(async () => {
      const compiled = compileOrReject(sdl);
      const customErrors = await checkCustomAtUpload(compiled.model, compiled.secrets, this.#remote.client, this.#remote.lambdaUrl);
      if (customErrors.length > 0) throw new SchemaRejectedError(inSourceOrder(customErrors));
      const verifier = await this.#verifierFor(compiled);
      let stored: StoredSchema;
      try {
        stored = await this.options.store.applySchema(compiled.model, sdl);
      } catch (error) {
        verifier?.close();
        throw error;
      }
      return this.#swap(this.#served(stored.version, compiled, verifier), 'upload');
    });
  }

  async importData(data: unknown) {
    return this.options.store.importData(this.#importModel(), data, this.#importAnnouncement());
  }

  async importRecords(records: RecordSource, options?: ImportOptions) {
    return this.options.store.importRecords(this.#importModel(), records, { ...options, ...this.#importAnnouncement() });
  }

  /** With subscriptions in the API, an import announces its commit: imported nodes may be of any type, so every live query re-runs. */
  #importAnnouncement(): { announce?: 'all' } {
    return this.#current?.schema.getSubscriptionType() ? { announce: 'all' } : {};
  }

  /** The model imports read predicates by: the served schema's. */
  #importModel() {
    const current = this.#current;
    if (current === null) throw new Error('no schema has been uploaded yet: POST one to /admin/schema first');
    return current.compiled.model;
  }

  async health(): Promise<Health> {
    const current = this.#current;
    return {
      schema: current === null ? { loaded: false } : { loaded: true, version: current.version, ...jwksOf(current) },
      store: { reachable: await this.options.store.ping(), description: this.options.store.description },
    };
  }

  async close(): Promise<void> {
    await this.#unsubscribe?.();
    await this.#unlistenWrites?.();
    this.#current?.retire('the server is shutting down');
    this.#current = null;
    await this.options.store.close();
  }

  /** A schema stored by another process (or found at start): serve it if it is newer. */
  async #adoptStored(stored: StoredSchema): Promise<void> {
    if (this.#current !== null && this.#current.version >= stored.version) return;
    try {
      const compiled = compileOrReject(stored.sdl);
      const verifier = await this.#verifierFor(compiled);
      this.#swap(this.#served(stored.version, compiled, verifier), 'store');
    } catch (error) {
      // Never fail open and never crash: keep serving what we serve.
      (this.options.log ?? logToStderr)({
        level: 'error',
        msg: 'stored schema could not be loaded; keeping the current one',
        version: stored.version,
        code: error instanceof SchemaRejectedError ? error.code : 'INTERNAL_SERVER_ERROR',
        errors: error instanceof SchemaRejectedError ? error.errors.map((e) => e.toJSON()) : [String(error)],
      });
    }
  }

  /** Builds the upload's verifier (fetching its JWKS); a failure rejects the upload at the auth line. */
  async #verifierFor(compiled: CompiledSchema) {
    return compiled.auth === null ? null : verifierForLine(compiled.auth, this.#verifierOptions);
  }

  #swap(next: ServedSchema, source: 'upload' | 'store'): ServedSchema {
    const previous = this.#current;
    this.#current = next;
    previous?.retire(`the schema was replaced (version ${next.version}); subscribe again`);
    this.#observer.schemaSwapped?.(next.version, source);
    return next;
  }

  #served(version: number, compiled: CompiledSchema, verifier: JwtVerifier | null): ServedSchema {
    return new ServedSchema(version, compiled, verifier, this.options.store, this.#observer, this.#remote, this.#writes);
  }

  #serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function logToStderr(event: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
}

function compileOrReject(sdl: string): CompiledSchema {
  const result = compileSchema(sdl);
  if (!result.ok) throw new SchemaRejectedError(result.errors);
  return result.schema;
}

function jwksOf(schema: ServedSchema): Pick<Health['schema'], 'jwks'> {
  const jwks = schema.jwksStatus();
  return jwks.length === 0 ? {} : { jwks };
}
