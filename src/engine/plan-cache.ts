/**
 * The plan cache: a read root field (queryT, getT, aggregateT) compiled to
 * SQL once and run again for every request that asks the same thing, with
 * no planning, no rule compilation and no SQL building. A mutation root
 * field (addT, updateT, deleteT) is kept planned, with what its runs share
 * (store/mutate/compiled.ts: its lookup, its write for the nodes the lookup
 * found, its payload's statements); what else depends on the data is
 * worked out on every run. One cache per served schema, so a schema swap
 * starts an empty one and the old one goes with the old schema.
 *
 * A compiled read depends on the schema, the document, the operation, the
 * variables and the claims the schema's rules read (which decide every
 * rule, RBAC and graph rules alike: rules/compiled.ts claimsReadFrom), and
 * on nothing else: the request's node budget is bound when the statement
 * runs (store/sql/query.ts, withBudget). So the key is all of them: a new
 * set of those claims or of variables compiles anew, never reuses what
 * another request's rules allowed, while a renewed token (another iat, exp
 * or jti) finds what the last one compiled. The document is the parsed one
 * the server's document cache hands out for the same query text, so a text
 * sent again finds its entry without being printed or hashed.
 *
 * Bounded: at most PLAN_CACHE_ENTRIES root fields and PLAN_CACHE_CHARS
 * characters of keys, SQL and parameters (and, for a mutation, of its
 * document's text, whose values its plan holds), least recently used first
 * out (docs/http.md, "Limits").
 */
import { LRUCache } from 'lru-cache';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { AuthOperation, AuthPolicy, FieldAuthOperation } from '../rules/index.js';
import type { RootPlan } from '../plan/index.js';
import { statementSize, type CompiledMutation, type CompiledRead } from '../store/index.js';
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

/** One mutation root field, as planned for one operation's inputs, with what its runs share. */
export interface CachedMutation {
  readonly plan: Extract<RootPlan, { kind: 'add' | 'update' | 'delete' }>;
  readonly compiled: CompiledMutation;
}

/** The cached root fields of one request's operation, by response key. */
export interface OperationPlans {
  get(responseKey: string): CachedRead | undefined;
  set(responseKey: string, read: CachedRead): void;
  mutation(responseKey: string): CachedMutation | undefined;
  /** Keeps `mutation` (again, after a run: what it compiled is counted against the bound). */
  keepMutation(responseKey: string, mutation: CachedMutation): void;
}

type Cached = CachedRead | CachedMutation;

function isMutation(entry: Cached): entry is CachedMutation {
  return 'compiled' in entry;
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
  readonly #entries = new LRUCache<string, Cached>({
    max: PLAN_CACHE_ENTRIES,
    maxSize: PLAN_CACHE_CHARS,
    sizeCalculation: (entry, key) => Math.max(1, key.length + sizeOf(entry)),
  });

  /** The cache's face for one request; its key is worked out when a root field first asks. */
  forOperation(inputs: OperationInputs): OperationPlans {
    let key: string | null | undefined;
    const keyOf = (responseKey: string) => {
      if (key === undefined) key = this.#operationKey(inputs);
      return key === null ? null : `${key}\u0000${responseKey}`;
    };
    const get = (responseKey: string) => {
      const k = keyOf(responseKey);
      return k === null ? undefined : this.#entries.get(k);
    };
    const set = (responseKey: string, entry: Cached) => {
      const k = keyOf(responseKey);
      if (k !== null && k.length + sizeOf(entry) <= PLAN_CACHE_CHARS) this.#entries.set(k, entry);
    };
    // A mutation's plan holds its input's values: the document's text bounds them (variables are in the key).
    const documentChars = inputs.document.loc?.source.body.length ?? 0;
    return {
      get: (responseKey) => {
        const entry = get(responseKey);
        return entry && !isMutation(entry) ? entry : undefined;
      },
      set,
      mutation: (responseKey) => {
        const entry = get(responseKey);
        return entry && isMutation(entry) ? entry : undefined;
      },
      keepMutation: (responseKey, mutation) => {
        const size = documentChars + mutation.compiled.size;
        if (keptSizes.get(mutation) === size) return;
        keptSizes.set(mutation, size);
        set(responseKey, mutation);
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

/** What each kept mutation was sized at when last kept: kept again once it has compiled more. */
const keptSizes = new WeakMap<CachedMutation, number>();

function sizeOf(entry: Cached): number {
  if (isMutation(entry)) return keptSizes.get(entry) ?? entry.compiled.size;
  return statementSize(entry.read.statement) + (entry.json ? statementSize(entry.json.statement) : 0);
}
