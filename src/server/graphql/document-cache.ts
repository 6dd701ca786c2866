/**
 * Parsing and validating a query costs more than executing many small ones,
 * and clients send the same few query texts over and over. So the outcome
 * (a valid document, or its errors) is kept per schema, least recently used
 * first out, keyed by the query text. Keying by schema object means an
 * upload starts a fresh cache and the old one goes with the old schema.
 * Errors carry GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED unless
 * their rule gave a code of its own (QUERY_TOO_DEEP).
 *
 * The request limits on the text (document-limits.ts) come first, and a
 * text they refuse is not kept: its refusal is cheap to repeat, and keeping
 * it would let oversized texts crowd out the useful entries.
 */
import { LRUCache } from 'lru-cache';
import { GraphQLError, parse, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import { withCode } from '../../engine/error-code.js';
import { checkQueryText, checkRootFields, type DocumentLimits } from './document-limits.js';

export type CheckedDocument =
  | { readonly document: DocumentNode; readonly errors?: undefined }
  | { readonly errors: readonly GraphQLError[]; readonly document?: undefined };

/** Cached query text per schema, at most, in UTF-16 code units (bounds memory whatever the entry count). */
const MAX_CACHED_TEXT = 16 * 1024 * 1024;

/** A schema and the rules its documents must pass (the engine's, e.g. Dgraph's extra ones). */
export interface ValidatingSchema {
  readonly schema: GraphQLSchema;
  readonly validationRules: readonly ValidationRule[];
}

export class DocumentCache {
  /** The server's own rules (e.g. the depth limit), on top of each schema's. */
  readonly #serverRules: readonly ValidationRule[];
  readonly #entries: number;
  readonly #limits: DocumentLimits;
  readonly #perSchema = new WeakMap<GraphQLSchema, LRUCache<string, CheckedDocument>>();

  constructor(serverRules: readonly ValidationRule[], entries: number, limits: DocumentLimits) {
    this.#serverRules = serverRules;
    this.#entries = entries;
    this.#limits = limits;
  }

  check(target: ValidatingSchema, query: string): CheckedDocument {
    let cache = this.#perSchema.get(target.schema);
    if (!cache) {
      cache = new LRUCache({ max: this.#entries, maxSize: MAX_CACHED_TEXT, sizeCalculation: (_, key) => Math.max(1, key.length) });
      this.#perSchema.set(target.schema, cache);
    }
    const cached = cache.get(query);
    if (cached) return cached;
    const refusal = checkQueryText(query, this.#limits);
    if (refusal) return { errors: [refusal] };
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.#limits.maxTokens });
    } catch (err) {
      if (err instanceof GraphQLError) return this.#keep(cache, query, { errors: [withCode(err, 'GRAPHQL_PARSE_FAILED')] });
      throw err;
    }
    const tooMany = checkRootFields(document, this.#limits.maxAliases);
    if (tooMany) return { errors: [tooMany] };
    const errors = validate(target.schema, document, [...target.validationRules, ...this.#serverRules]);
    return this.#keep(cache, query, errors.length > 0 ? { errors: errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) } : { document });
  }

  #keep(cache: LRUCache<string, CheckedDocument>, query: string, checked: CheckedDocument): CheckedDocument {
    if (query.length <= MAX_CACHED_TEXT) cache.set(query, checked);
    return checked;
  }
}
