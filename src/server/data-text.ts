/**
 * The answer the engine gave as text (engine/text-answer.ts): each root
 * field's JSON as the database wrote it, already compact, exactly as
 * JSON.stringify writes the same answer (store/sql/json-text.ts), written
 * here as `{"data":{…}}` around them. Nothing is parsed or rewritten.
 */

/** `{"data":{…}}` of the root fields' JSON texts, by response key, in order. */
export function dataJson(fields: readonly (readonly [string, string])[]): string {
  let json = '{"data":{';
  fields.forEach(([key, text], i) => {
    json += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${text}`;
  });
  return `${json}}}`;
}
