/**
 * Language-tagged predicates (`@dgraph(pred: "Person.name@hi")`), as Dgraph
 * reads them: a String stored once per language, under `Person.name@hi`;
 * `Person.name@hi:en` reads the first of those languages that has a value,
 * `.` stands for the untagged value (else any language's). A field naming
 * one language is read and written like any string; one naming several, or
 * `.`, is read only, and (when it names several) neither filtered nor
 * ordered (graphql/schema/gqlschema.go, isMultiLangField).
 */
import type { FieldDef } from './types.js';

/** `Person.name@hi:en:.` → `{ predicate: 'Person.name', tags: ['hi', 'en', '.'] }`; undefined without a tag. */
export function languageTags(predicate: string): { readonly predicate: string; readonly tags: readonly string[] } | undefined {
  const at = predicate.indexOf('@');
  return at < 0 ? undefined : { predicate: predicate.slice(0, at), tags: predicate.slice(at + 1).split(':') };
}

/** Several languages: neither filtered, ordered, nor written (aggregates still offer Min/Max). */
export function readsSeveralLanguages(field: FieldDef): boolean {
  return (languageTags(field.predicate)?.tags.length ?? 0) > 1;
}

/** Not written by mutations: several languages, or `.` (whichever value there is). */
export function isReadOnlyLanguage(field: FieldDef): boolean {
  const tagged = languageTags(field.predicate);
  return tagged !== undefined && (tagged.tags.length > 1 || tagged.tags[0] === '.');
}
