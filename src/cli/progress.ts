/**
 * The progress line of a long command (import): rewritten in place on a
 * terminal, a line every ten seconds otherwise (a log), and a final summary.
 */
export interface ProgressFigures {
  /** Unknown while another process imports (authline import --url): then only bytes show. */
  readonly triples?: number;
  /** Input bytes read so far, and how many there are (when known). */
  readonly bytes: number;
  readonly totalBytes?: number;
}

const TERMINAL_EVERY_MS = 250;
const LOG_EVERY_MS = 10_000;

export class ProgressLine {
  private readonly started = Date.now();
  private shownAt = 0;
  private shown = false;

  constructor(private readonly write: (text: string) => void, private readonly terminal: boolean) {}

  update(figures: ProgressFigures): void {
    const now = Date.now();
    if (now - this.shownAt < (this.terminal ? TERMINAL_EVERY_MS : LOG_EVERY_MS)) return;
    this.shownAt = now;
    this.shown = this.terminal;
    this.write(this.terminal ? `\r${this.describe(figures)}\u001b[K` : `${this.describe(figures)}\n`);
  }

  /** The summary line (replacing the progress line on a terminal). */
  finish(figures: ProgressFigures, outcome: string): void {
    const seconds = (Date.now() - this.started) / 1000;
    const triples = figures.triples ?? 0;
    const rate = seconds > 0 ? Math.round(triples / seconds) : triples;
    this.write(`${this.shown ? '\r\u001b[K' : ''}${outcome}: ${number(triples)} triples in ${seconds.toFixed(1)} s (${number(rate)} triples/s)\n`);
  }

  /** Clears the progress line before an error is printed. */
  clear(): void {
    if (this.shown) this.write('\r\u001b[K');
  }

  private describe({ triples, bytes, totalBytes }: ProgressFigures): string {
    const share = totalBytes ? `${Math.min(100, Math.floor((bytes / totalBytes) * 100))}% of ${megabytes(totalBytes)}` : `${megabytes(bytes)} read`;
    if (triples === undefined) return `importing: ${share}`;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(triples / seconds) : 0;
    return `importing: ${number(triples)} triples (${share}), ${number(rate)} triples/s`;
  }
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
