/**
 * Structured logs: one JSON object per line, so that log shippers need no
 * parsing rules. Fields are whatever the caller passes; callers never pass
 * header values (see redact.ts for what guards error texts).
 */
import { tickBatched } from './tick-batched.js';

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Detail asked for explicitly (an explained request's warnings); a logger without it drops them. */
  debug?(msg: string, fields?: LogFields): void;
}

/** A logger writing `{"time":…,"level":…,"msg":…,…fields}` lines; stdout by default, a turn of the event loop at a time (tick-batched.ts). */
export function jsonLogger(write: (line: string) => void = tickBatched((text) => process.stdout.write(text))): Logger {
  const log = (level: string) => (msg: string, fields: LogFields = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
}
