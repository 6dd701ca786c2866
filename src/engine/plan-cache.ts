/**
 * The plan cache: a read root field (queryT, getT, aggregateT) compiled to
 * SQL once and run again for every request that asks the same thing, with
 * no planning, no rule compilation and no SQL building. One cache per
 * served schema, so a schema swap starts an empty one and the old one goes
 * with the old schema.
 *
 * A compiled read depends on the schema, the document, the operation, the
 * variables and the claims (which decide every rule, RBAC and graph rules
 * alike), and on nothing else: the request's node budget is bound when the
 * statement runs (store/sql/query.ts, withBudget). So the key is all of
 * them: a new set of claims or of variables compiles anew, never reuses
 * what another request's rules allowed. The document is the parsed one the
 * server's document cache hands out for the same query text, so a text
 * sent again finds its entry without being printed or hashed.
 *
 * Bounded: at most PLAN_CACHE_ENTRIES root fields and PLAN_CACHE_CHARS
 * characters of keys, SQL and parameters, least recently used first out
 * (docs/http.md, "Limits").
 */
import { LRUCache } from 'lru-cache';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { AuthOperation, AuthPolicy, FieldAuthOperation } from '../rules/index.js';
import type { CompiledRead } from '../store/index.js';
import { DenialReport } from './denials.js';

/** Root fields kept per served schema, at most. */
export const PLAN_CACHE_ENTRIES = 2000;

/** Characters of keys, SQL text and parameters kept per served schema, at most (bounds memory whatever the entry count). */
export const PLAN_CACHE_CHARS = 32 * 1024 * 1024;

/** A refusal the rules made while a read compiled: told again to each request the read serves. */
export type Refusal =
  | { readonly type: string; readonly operation: AuthOperation }
  | { readonly type: string; readonly field: string; readonly operation: FieldAuthOperation };

/** One read root field, as compiled for one operation's inputs. */
export interface CachedRead {
  readonly read: CompiledRead;
  /** The errors naming the selected fields its field rules hide (hidden-fields.ts). */
  readonly hidden: readonly GraphQLError[];
  /** What its compilation reported to the request's DenialReport. */
  readonly refusals: readonly Refusal[];
  /** The same read answering its JSON as text (text-answer.ts); absent when it cannot, or its operation may not. */
  readonly json?: CompiledRead;
}

/** The cached reads of one request's operation, by response key. */
export interface OperationPlans {
  get(responseKey: string): CachedRead | undefined;
  set(responseKey: string, read: CachedRead): void;
}

/** What an operation's reads depend on besides the schema. */
export interface OperationInputs {
  readonly document: DocumentNode;
  readonly operationName?: string | null;
  readonly variableValues?: Readonly<Record<string, unknown>> | null;
  readonly claims: unknown;
}

export class PlanCache {
  readonly #documents = new WeakMap<DocumentNode, number>();
  #nextDocument = 0;
  readonly #reads = new LRUCache<string, CachedRead>({
    max: PLAN_CACHE_ENTRIES,
    maxSize: PLAN_CACHE_CHARS,
    sizeCalculation: (read, key) => Math.max(1, key.length + sizeOf(read)),
  });

  /** The cache's face for one request; its key is worked out when a root field first asks. */
  forOperation(inputs: OperationInputs): OperationPlans {
    let key: string | null | undefined;
    const keyOf = (responseKey: string) => {
      if (key === undefined) key = this.#operationKey(inputs);
      return key === null ? null : `${key}\u0000${responseKey}`;
    };
    return {
      get: (responseKey) => {
        const k = keyOf(responseKey);
        return k === null ? undefined : this.#reads.get(k);
      },
      set: (responseKey, read) => {
        const k = keyOf(responseKey);
        if (k !== null && k.length + sizeOf(read) <= PLAN_CACHE_CHARS) this.#reads.set(k, read);
      },
    };
  }

  /** Null when the inputs have no JSON text (then nothing is cached). */
  #operationKey({ document, operationName, variableValues, claims }: OperationInputs): string | null {
    let id = this.#documents.get(document);
    if (id === undefined) {
      id = this.#nextDocument++;
      this.#documents.set(document, id);
    }
    try {
      return `${id}\u0000${operationName ?? ''}\u0000${JSON.stringify(variableValues ?? null)}\u0000${JSON.stringify(claims)}`;
    } catch {
      return null; // e.g. a bigint among the claims: not worth a key of its own
    }
  }
}

/** `policy`, also noting every refusal it reports into `refusals` (to replay them on a cache hit). */
export function recordingRefusals(policy: AuthPolicy, refusals: Refusal[]): AuthPolicy {
  return new DenialReport({
    accessDenied: (type, operation) => refusals.push({ type, operation }),
    fieldAccessDenied: (type, field, operation) => refusals.push({ type, field, operation }),
  }).watching(policy);
}

/** Tells `denials` the refusals a cached read's compilation made, as if its rules were decided again. */
export function replayRefusals(refusals: readonly Refusal[], denials: DenialReport): void {
  for (const refusal of refusals) {
    if ('field' in refusal) denials.fieldDecided({ ...refusal, verdict: 'false' });
    else denials.denied(refusal.type, refusal.operation);
  }
}

function sizeOf({ read, json }: CachedRead): number {
  return statementSize(read) + (json ? statementSize(json) : 0);
}

function statementSize({ statement }: CompiledRead): number {
  if (!statement) return 0;
  let size = statement.sql.length;
  for (const value of statement.params) size += typeof value === 'string' ? value.length : (JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? '').length;
  return size;
}
