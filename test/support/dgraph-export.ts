/**
 * A Dgraph export written from Dgraph JSON mutation data, for tests: RDF
 * N-Quads as Dgraph's worker/export.go writes them (`<0x1> <pred> "text"^^<xs:string> <0x0> .`,
 * values typed, every node named by its uid, namespace 0 as the label) and
 * the JSON export (one object per posting, each with "uid" and "namespace").
 * Blank nodes get uids past the highest explicit one, in order of first
 * appearance, as an export of the data loaded into Dgraph would show them.
 */

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('coordinates' in value);
}

/** One posting: a uid edge or a value, of a subject. */
export interface Posting {
  readonly subject: string;
  readonly predicate: string;
  readonly object: { readonly uid: string } | { readonly value: string | number | boolean };
}

/** The postings of `data` ([...] or {"set": [...]}), blank nodes given uids. */
export function postingsOf(data: unknown): Posting[] {
  const rows = (Array.isArray(data) ? data : (data as { set: unknown[] }).set) as Node[];
  const explicit: bigint[] = [];
  const visit = (node: Node) => {
    if (typeof node.uid === 'string' && !node.uid.startsWith('_:')) explicit.push(BigInt(node.uid));
    for (const v of Object.values(node)) for (const item of Array.isArray(v) ? v : [v]) if (isNode(item)) visit(item);
  };
  rows.forEach(visit);
  let next = explicit.reduce((a, b) => (a > b ? a : b), 0n) + 1n;
  const blanks = new Map<string, string>();
  const uidOf = (uid: unknown): string => {
    if (typeof uid === 'string' && !uid.startsWith('_:')) return `0x${BigInt(uid).toString(16)}`;
    const name = typeof uid === 'string' ? uid : `anonymous ${next}`;
    let assigned = blanks.get(name);
    if (!assigned) blanks.set(name, (assigned = `0x${(next++).toString(16)}`));
    return assigned;
  };
  const postings: Posting[] = [];
  const walk = (node: Node): string => {
    const subject = uidOf(node.uid);
    for (const [predicate, value] of Object.entries(node)) {
      if (predicate === 'uid' || predicate.includes('|') || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        const object = isNode(item) ? { uid: walk(item) } : { value: item as string | number | boolean };
        postings.push({ subject, predicate, object });
      }
    }
    return subject;
  };
  rows.forEach(walk);
  return postings;
}

function rdfValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return `"${value}"^^<xs:boolean>`;
  if (typeof value === 'number') return `"${value}"^^<${Number.isInteger(value) ? 'xs:int' : 'xs:float'}>`;
  return `${JSON.stringify(value)}^^<xs:string>`;
}

/** The RDF export of `data`: one N-Quad per posting. */
export function rdfExport(data: unknown): string {
  return postingsOf(data).map(({ subject, predicate, object }) =>
    `<${subject}> <${predicate}> ${'uid' in object ? `<${object.uid}>` : rdfValue(object.value)} <0x0> .\n`).join('');
}

/** The JSON export of `data`: Dgraph's array of one-posting objects. */
export function jsonExport(data: unknown): string {
  const objects = postingsOf(data).map(({ subject, predicate, object }) => JSON.stringify({
    uid: subject, namespace: '0x0', [predicate]: 'uid' in object ? [{ uid: object.uid }] : typeof object.value === 'boolean' ? String(object.value) : object.value,
  }));
  return `[\n${objects.map((o) => `  ${o}`).join(',\n')}\n]\n`;
}
