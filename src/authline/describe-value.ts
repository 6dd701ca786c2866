/** A value as upload errors quote it: JSON (so a CR or LF shows as `\r`, `\n`), shortened. */
export function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
