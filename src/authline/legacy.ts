/**
 * The pre-JSON form, `# Dgraph.Authorization <Header> <Namespace> <Algo>
 * "<key>"`, which Dgraph tries whenever the JSON decode fails. Dgraph
 * rebuilds the text as `# ` plus everything from `Dgraph.Authorization` on
 * and matches it with a regular expression whose `\s` is Go's ASCII class;
 * text after the closing quote is allowed.
 */

export interface LegacyFields {
  readonly header: string;
  readonly namespace: string;
  readonly algo: string;
  readonly verificationKey: string;
  /** Where the quoted key starts in the text given to parseLegacyLine (its opening quote). */
  readonly keyAt: number;
}

const LEGACY = /^#[\t\n\f\r ]([^\t\n\f\r ]+)[\t\n\f\r ]+([^\t\n\f\r ]+)[\t\n\f\r ]+([^\t\n\f\r ]+)[\t\n\f\r ]+([^\t\n\f\r ]+)[\t\n\f\r ]+"([^"]+)"/;

/** `fromMarker` is the line from `Dgraph.Authorization` on. */
export function parseLegacyLine(fromMarker: string): LegacyFields | { readonly error: string } {
  const text = `# ${fromMarker}`;
  const match = LEGACY.exec(text);
  if (!match) return { error: `Invalid \`Dgraph.Authorization\` format: ${text}` };
  // The match ends with the closing quote; "# " was put in front.
  const keyAt = match[0].length - match[5].length - 2 - 2;
  return { header: match[2], namespace: match[3], algo: match[4], verificationKey: match[5], keyAt };
}
