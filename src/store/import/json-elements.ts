/**
 * The objects of a Dgraph JSON import, read as the text streams in: a
 * top-level array (`[{...}, {...}]`, what Dgraph's JSON export writes) or
 * `{"set": [...]}` yields one element at a time, each parsed on its own, so
 * a file of any size needs only as much memory as its largest element. Any
 * other top-level object (one node, or a "delete" the loader refuses) is read
 * whole.
 */
import { isPlainObject } from '../../plan/context.js';
import { ImportError } from '../errors.js';

const WHITESPACE = /\s/;
const SET_PREFIX = /^\{\s*"set"\s*:\s*\[/;

export class JsonElements implements AsyncIterable<unknown> {
  /** The line the last element started on (1-based), for error messages. */
  line = 1;

  constructor(private readonly chunks: AsyncIterable<string>) {}

  get location(): string {
    return `line ${this.line}`;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<unknown> {
    const input = this.chunks[Symbol.asyncIterator]();
    let text = '';
    let ended = false;
    const more = async (): Promise<boolean> => {
      if (ended) return false;
      const next = await input.next();
      if (next.done) ended = true;
      else text += next.value;
      return !next.done;
    };

    // The opening: "[" or {"set": [, or another object, read whole.
    let at = 0;
    for (;;) {
      while (at < text.length && WHITESPACE.test(text[at])) at++;
      if (at < text.length && (text[at] !== '{' || SET_PREFIX.test(text.slice(at)) || text.length - at > 64 || ended)) break;
      if (!(await more())) break;
    }
    if (at >= text.length) throw new ImportError('import data is empty: send a JSON array of nodes or {"set": [...]}');
    this.line += countLines(text, 0, at);
    const wrapped = text[at] === '{' && SET_PREFIX.test(text.slice(at));
    if (text[at] === '{' && !wrapped) {
      while (await more());
      yield* rowsOf(parseJson(text.slice(at), this.line));
      return;
    }
    if (text[at] !== '[' && !wrapped) throw new ImportError('import data must be a JSON array of objects, or {"set": [...]}');
    at = wrapped ? at + SET_PREFIX.exec(text.slice(at))![0].length : at + 1;

    // The elements.
    for (;;) {
      while (at < text.length && (WHITESPACE.test(text[at]) || text[at] === ',')) {
        if (text[at] === '\n') this.line++;
        at++;
      }
      if (at >= text.length) {
        text = '';
        at = 0;
        if (await more()) continue;
        throw new ImportError('not valid JSON: the data ends inside the array ("]" is missing)');
      }
      if (text[at] === ']') {
        at++;
        break;
      }
      if (text[at] !== '{') throw new ImportError(`line ${this.line}: import data must be a JSON array of objects, found ${JSON.stringify(text.slice(at, at + 20))}`);
      const scan = new ElementScan(at);
      while (!scan.run(text)) {
        // Keep only the element begun, so the text never holds more than one element and a chunk.
        scan.shift(at);
        text = text.slice(at);
        at = 0;
        if (!(await more())) throw new ImportError(`line ${this.line}: not valid JSON: the data ends inside an object`);
      }
      const element = text.slice(at, scan.end);
      yield parseJson(element, this.line);
      this.line += countLines(element, 0, element.length);
      at = scan.end;
    }

    // The closing: nothing but whitespace (and the "}" of {"set": [...]}).
    let rest = text.slice(at).trim();
    text = '';
    while (rest.length < 64 && (await more())) {
      rest = (rest + text).trim();
      text = '';
    }
    if (rest !== (wrapped ? '}' : '')) throw new ImportError(`unexpected ${JSON.stringify(rest.slice(0, 20))} after the array`);
  }
}

/** Finds where the object starting at `start` ends, over text that grows between calls. */
class ElementScan {
  end = -1;
  private depth = 0;
  private inString = false;

  constructor(private at: number) {}

  /** The text before `by` was dropped. */
  shift(by: number): void {
    this.at -= by;
  }

  /** True once the end is found (`end` is the index after the closing brace). */
  run(text: string): boolean {
    let { at, depth, inString } = this;
    while (at < text.length) {
      if (inString) {
        const quote = text.indexOf('"', at);
        if (quote < 0) {
          at = text.length;
          break;
        }
        let backslashes = 0;
        while (text[quote - 1 - backslashes] === '\\') backslashes++;
        at = quote + 1;
        if (backslashes % 2 === 0) inString = false;
        continue;
      }
      const c = text[at++];
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) {
        this.end = at;
        return true;
      }
    }
    // A backslash at the very end may escape a quote still to come: scan it again with more text.
    if (inString && text[at - 1] === '\\') at--;
    Object.assign(this, { at, depth, inString });
    return false;
  }
}

function parseJson(text: string, line: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ImportError(`line ${line}: not valid JSON: ${(err as Error).message}`);
  }
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The rows of Dgraph JSON data held in memory: `[...]`, `{"set": [...]}`, or one node object. */
export function rowsOf(data: unknown): unknown[] {
  if (isPlainObject(data) && 'delete' in data) throw new ImportError('import only sets data: "delete" is not supported');
  const list = isPlainObject(data) && 'set' in data ? data.set : data;
  const items = Array.isArray(list) ? list : isPlainObject(list) ? [list] : null;
  if (!items || !items.every(isPlainObject)) {
    throw new ImportError('import data must be a JSON array of objects, or {"set": [...]}');
  }
  return items;
}
