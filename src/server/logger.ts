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
  const log = (level: string) => (msg: string, fields?: LogFields) => write(`${logLine(level, msg, fields)}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
}

/** The keys every line starts with, which fields of the same name replace in place. */
const HEAD_KEYS = ['time', 'level', 'msg'];

/**
 * `{"time":…,"level":…,"msg":…,…fields}`. One line is written per request:
 * the fields are stringified as they are and spliced after the head, rather
 * than copied into a new object first (the same text, for a fraction of the
 * work); fields naming a head key take the object's way, which keeps that
 * key in the head's place.
 */
function logLine(level: string, msg: string, fields: LogFields | undefined): string {
  const time = new Date().toISOString();
  if (fields !== undefined && HEAD_KEYS.some((key) => Object.hasOwn(fields, key))) return JSON.stringify({ time, level, msg, ...fields });
  const head = `{"time":"${time}","level":${JSON.stringify(level)},"msg":${JSON.stringify(msg)}`;
  const rest = fields === undefined ? '{}' : JSON.stringify(fields);
  return rest === '{}' ? `${head}}` : `${head},${rest.slice(1)}`;
}
