/** A server's memory as Linux accounts it, read from /proc/<pid>/status. */
import { readFileSync } from 'node:fs';

export interface Memory {
  /** Resident set size now, in MB (MiB). */
  readonly rssMb: number;
  /** The highest resident set size so far, in MB (MiB). */
  readonly peakMb: number;
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]);
  };
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}
