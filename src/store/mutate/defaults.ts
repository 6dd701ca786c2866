/**
 * `@default(add: {value: ...}, update: {value: ...})`, applied as Dgraph's
 * mutation rewriter applies it (graphql/resolve/mutation_rewriter.go,
 * rewriteObject): a node the mutation creates, at any depth, gets the `add`
 * value of each field its input leaves out; the nodes an update's `set` (or
 * an upsert) changes get the `update` values; an update's `remove` deletes
 * the `update` values its input leaves out (a field holding another value
 * keeps it), since Dgraph adds them to the object it deletes as to the one
 * it sets. A field given in the input,
 * even as null, keeps what it was given. `"$now"` is the current time, as
 * RFC 3339 to the second (Go's time.RFC3339, which Dgraph writes).
 */
import type { TypeDef } from '../../model/types.js';
import type { InputObject } from '../../plan/types.js';

export type DefaultAction = 'add' | 'update';

/** `input` with the `action` default of every field it leaves out; `input` itself when there are none. `now` is asked only for `"$now"`. */
export function withDefaults(type: TypeDef, input: InputObject, action: DefaultAction, now: () => Date): InputObject {
  let out: Record<string, unknown> | undefined;
  for (const field of type.fields) {
    const value = field.defaults?.[action];
    if (value === undefined || input[field.name] !== undefined) continue;
    (out ??= { ...input })[field.name] = value === '$now' ? now().toISOString().replace(/\.\d+Z$/, 'Z') : value;
  }
  return out ?? input;
}
