/**
 * Resolves `@custom`/`@lambda` fields for one request. A root field makes
 * one call with its arguments. A field of a type is resolved for all its
 * parents at once, as Dgraph does: the parents at one place of the answer are
 * gathered (graphql-js asks for each of them in the same tick), made
 * distinct by their ID or `@id` value, and sent one call each (SINGLE) or
 * one call for all (BATCH). A failed call makes the field null and adds an
 * error for that field only.
 */
import { GraphQLError, getNullableType, isListType } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { CustomSpec, FieldDef, SchemaModel } from '../../model/types.js';
import type { Variables } from '../../model/custom/template.js';
import { parentFieldKey } from '../../plan/types.js';
import { batchNotListError, batchSizeError, REMOTE_CALL_FAILED } from './errors.js';
import type { RemoteProblem } from './errors.js';
import { callForArguments, callForParent, callForParents } from './remote-call.js';
import type { CallContext, CallResult, CallSite } from './remote-call.js';
import { isRemote } from './remote-values.js';
import { selectionText } from './selection-text.js';
import { nullValue } from '../null-value.js';

/** Narrows what a remote call returned to what the caller may see (auth of stored types). */
export type ResultFilter = (typeName: string, value: unknown) => Promise<unknown>;

interface Pending {
  readonly parent: Variables;
  readonly resolve: (value: unknown) => void;
}

interface Batch {
  readonly site: CallSite;
  readonly info: GraphQLResolveInfo;
  readonly idField: string;
  readonly pending: Pending[];
}

export class CustomResolver {
  readonly #batches = new Map<string, Batch>();

  constructor(
    private readonly model: SchemaModel,
    private readonly ctx: CallContext,
    /** Where field errors go (the request's error list, in Dgraph's order). */
    private readonly errors: GraphQLError[],
    private readonly filter: ResultFilter,
  ) {}

  /** A `@custom`/`@lambda` field of Query or Mutation. */
  async resolveRoot(spec: CustomSpec, args: Variables, info: GraphQLResolveInfo): Promise<unknown> {
    const site = this.#site(spec, info);
    const result = await callForArguments(this.ctx, site, args);
    return this.#settle(result, info);
  }

  /**
   * A `@custom`/`@lambda` field of a type (`typeName`: the type it was
   * selected on, whose directive applies): batched with its siblings at the
   * same place of the answer.
   */
  resolveField(typeName: string, field: FieldDef, source: unknown, info: GraphQLResolveInfo): Promise<unknown> {
    const spec = field.custom as CustomSpec;
    const parent = parentValues(spec, source);
    const key = `${typeName}.${info.fieldName}@${shapeOf(info.path)}`;
    let batch = this.#batches.get(key);
    if (!batch) {
      batch = { site: this.#site(spec, info, typeName), info, idField: this.#idField(typeName, spec), pending: [] };
      this.#batches.set(key, batch);
      const scheduled = batch;
      setImmediate(() => {
        this.#batches.delete(key);
        void this.#run(scheduled);
      });
    }
    const pending = batch.pending;
    return new Promise((resolve) => pending.push({ parent, resolve }));
  }

  #site(spec: CustomSpec, info: GraphQLResolveInfo, typeName = info.parentType.name): CallSite {
    return { type: typeName, field: info.fieldName, spec, selection: spec.graphql ? selectionText(info) : '' };
  }

  /** The ID or @id field among the parent fields: parents with the same value are sent once. */
  #idField(typeName: string, spec: CustomSpec): string {
    const type = this.model.types.get(typeName);
    return spec.parentFields.find((name) => {
      const f = type?.fieldMap.get(name);
      return f !== undefined && (f.kind === 'id' || f.xid);
    }) ?? spec.parentFields[0] ?? '';
  }

  async #run(batch: Batch): Promise<void> {
    const groups = new Map<string, Pending[]>();
    for (const p of batch.pending) {
      const id = JSON.stringify(p.parent[batch.idField] ?? null);
      groups.set(id, [...(groups.get(id) ?? []), p]);
    }
    const unique = [...groups.values()];
    try {
      if (batch.site.spec.mode === 'BATCH') {
        await this.#runBatch(batch, unique);
      } else {
        await Promise.all(unique.map(async (same) => {
          const value = await this.#settle(await callForParent(this.ctx, batch.site, same[0].parent), batch.info);
          for (const p of same) p.resolve(value);
        }));
      }
    } catch (error) {
      this.#report([{ message: error instanceof Error ? error.message : String(error) }], batch.info);
      for (const p of batch.pending) p.resolve(null);
    }
  }

  async #runBatch(batch: Batch, unique: Pending[][]): Promise<void> {
    const { site, info } = batch;
    const result = await callForParents(this.ctx, site, unique.map((same) => same[0].parent));
    const resolveAll = (value: (i: number) => unknown) => unique.forEach((same, i) => same.forEach((p) => p.resolve(value(i))));
    if (result.value === undefined) {
      this.#report(result.problems, info);
      return resolveAll(() => null);
    }
    const list = result.value;
    if (!Array.isArray(list)) {
      this.#report([...result.problems, batchNotListError(list === null ? 'nil' : typeof list, site.field, site.type)], info);
      return resolveAll(() => null);
    }
    if (list.length !== unique.length) {
      this.#report([...result.problems, batchSizeError(unique.length, list.length, site.field, site.type)], info);
      return resolveAll(() => null);
    }
    this.#report(result.problems, info);
    const values = await Promise.all(list.map((item) => this.#narrow(item, info)));
    resolveAll((i) => values[i]);
  }

  /** The field's value from a call's result, errors reported. */
  async #settle(result: CallResult, info: GraphQLResolveInfo): Promise<unknown> {
    this.#report(result.problems, info);
    if (result.value === undefined) return nullValue(info);
    return this.#narrow(result.value, info);
  }

  #narrow(value: unknown, info: GraphQLResolveInfo): Promise<unknown> {
    const named = getNamedTypeName(info);
    return value === null || value === undefined ? Promise.resolve(value ?? null) : this.filter(named, value);
  }

  #report(problems: readonly RemoteProblem[], info: GraphQLResolveInfo): void {
    for (const problem of problems) {
      this.errors.push(
        new GraphQLError(problem.message, {
          nodes: info.fieldNodes,
          path: pathOf(info.path),
          extensions: { ...problem.extensions, code: problem.extensions?.code ?? REMOTE_CALL_FAILED },
        }),
      );
    }
  }
}

/** A parent's values for the fields the call uses; absent ones are left out, as Dgraph leaves them out. */
function parentValues(spec: CustomSpec, source: unknown): Variables {
  const remote = isRemote(source);
  const object = (source ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of spec.parentFields) {
    const value = remote ? object[name] : object[parentFieldKey(name)];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

/** The place in the answer without list indexes: `queryUser.posts`. */
function shapeOf(path: GraphQLResolveInfo['path'] | undefined): string {
  const keys: string[] = [];
  for (let p = path; p; p = p.prev) if (typeof p.key === 'string') keys.unshift(p.key);
  return keys.join('.');
}

function pathOf(path: GraphQLResolveInfo['path'] | undefined): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let p = path; p; p = p.prev) keys.unshift(p.key);
  return keys;
}

function getNamedTypeName(info: GraphQLResolveInfo): string {
  let type = getNullableType(info.returnType);
  while (isListType(type)) type = getNullableType(type.ofType);
  return (type as { name: string }).name;
}

