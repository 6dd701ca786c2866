/**
 * The answer the engine gave as text (engine/text-answer.ts): each root
 * field's JSON as the database wrote it, spaced its own way (`"a" : 1`,
 * `[x, \n y]`), written here as `{"data":{…}}` exactly as JSON.stringify
 * writes the same answer: the white space between tokens goes, strings are
 * copied as they are (PostgreSQL escapes them as JSON.stringify does).
 * Nothing is parsed into values.
 */

/** A JSON string (kept: group 1), or white space between tokens (dropped: no group). */
const STRING_OR_SPACE = /("(?:[^"\\]|\\.)*")|[ \t\n\r]+/g;

/** JSON text without white space outside its strings. */
export function compactJson(text: string): string {
  return text.replace(STRING_OR_SPACE, '$1');
}

/** `{"data":{…}}` of the root fields' JSON texts, by response key, in order. */
export function dataJson(fields: readonly (readonly [string, string])[]): string {
  let json = '{"data":{';
  fields.forEach(([key, text], i) => {
    json += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${compactJson(text)}`;
  });
  return `${json}}}`;
}
