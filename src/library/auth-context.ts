/**
 * What resolvers see as `context.authline`: the request's auth (read once by
 * the rules stage's RequestAuth, frozen) with library mode's one question,
 * `allows(type, operation)`. Frozen too, its state in private fields, so a
 * resolver can change neither the claims nor the decisions later fields get.
 */
import type { AuthOperation, FieldAuthOperation } from '../rules/policy.js';
import { RequestAuth, type TokenReading } from '../rules/request-auth.js';
import type { AuthTokenError } from '../verifier/errors.js';
import type { Claims, RequestHeaders } from '../verifier/types.js';
import type { LibraryPolicy, LibraryRules } from './library-rules.js';
import type { AuthContext } from './types.js';

export class LibraryAuthContext implements AuthContext {
  readonly #auth: RequestAuth<LibraryPolicy>;
  readonly #rules: LibraryRules;

  private constructor(auth: RequestAuth<LibraryPolicy>, rules: LibraryRules) {
    this.#auth = auth;
    this.#rules = rules;
    Object.freeze(this);
  }

  static async read(reading: TokenReading | null, headers: RequestHeaders, rules: LibraryRules): Promise<LibraryAuthContext> {
    return new LibraryAuthContext(await RequestAuth.read(reading, headers, rules), rules);
  }

  /** Whether `value` came from the Authline instance holding `rules` (a plain object never passes). */
  static isFrom(value: unknown, rules: LibraryRules): value is LibraryAuthContext {
    return value instanceof LibraryAuthContext && value.#rules === rules;
  }

  get claims(): Claims | null {
    return this.#auth.claims;
  }

  get error(): AuthTokenError | null {
    return this.#auth.error;
  }

  allows(type: string, operation: AuthOperation): boolean {
    return this.#auth.error === null && this.#auth.policy().allows(type, operation);
  }

  allowsField(type: string, field: string, operation: FieldAuthOperation): boolean {
    return this.#auth.error === null && this.#auth.policy().allowsField(type, field, operation);
  }
}
