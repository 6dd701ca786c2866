/**
 * The records of an RDF N-Quads import, one per line, read as the text
 * streams in: memory holds one chunk and one line, whatever the file's size.
 */
import { ImportError } from '../errors.js';
import { parseNQuad } from './nquads.js';

export class NQuadRecords implements AsyncIterable<Record<string, unknown>> {
  /** The line of the last record (1-based), for error messages. */
  line = 0;

  constructor(private readonly chunks: AsyncIterable<string>) {}

  get location(): string {
    return `line ${this.line}`;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Record<string, unknown>> {
    let partial = '';
    for await (const chunk of this.chunks) {
      const text = partial + chunk;
      let start = 0;
      for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
        const record = this.parse(text.slice(start, end));
        start = end + 1;
        if (record) yield record;
      }
      partial = text.slice(start);
    }
    const last = this.parse(partial);
    if (last) yield last;
  }

  private parse(line: string): Record<string, unknown> | null {
    this.line++;
    try {
      return parseNQuad(line.endsWith('\r') ? line.slice(0, -1) : line);
    } catch (err) {
      if (err instanceof ImportError) throw new ImportError(`line ${this.line}: ${err.message}`);
      throw err;
    }
  }
}
