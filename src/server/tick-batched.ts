/**
 * Log lines written one turn of the event loop at a time. stdout to a file
 * or a pipe is a synchronous write on Linux, one system call per line: under
 * load, many requests are answered in one turn, and their lines go out in one
 * write at its end (or sooner, once a turn's lines pass 64 KiB). Lines keep
 * their order. Those still pending when the process exits (process.exit, a
 * signal the process handles, an uncaught exception) are written by an
 * `exit` listener; a process killed outright (SIGKILL, a crash of the
 * runtime itself) loses at most one turn's.
 */

/** Pending text past which a turn's lines are written without waiting for its end. */
const FLUSH_AT = 64 * 1024;

/** Every batch with lines pending, for the one `exit` listener. */
const pending = new Set<() => void>();
let listening = false;

function flushAll(): void {
  for (const flush of [...pending]) flush();
}

/** A line writer whose pending lines can also be written at once (when its owner is done with it). */
export type BatchedWrite = ((line: string) => void) & { readonly flush: () => void };

export function tickBatched(write: (text: string) => void): BatchedWrite {
  let lines = '';
  const flush = () => {
    pending.delete(flush);
    if (lines === '') return;
    const text = lines;
    lines = '';
    write(text);
  };
  const writeLine = (line: string) => {
    if (lines === '') {
      if (!listening) {
        process.once('exit', flushAll);
        listening = true;
      }
      pending.add(flush);
      setImmediate(flush);
    }
    lines += line;
    if (lines.length >= FLUSH_AT) flush();
  };
  return Object.assign(writeLine, { flush });
}
