/**
 * TCP sockets of any target by state: the target's socket inodes (/proc/<pid>/fd) matched against the
 * kernel's tables (/proc/<pid>/net/tcp and tcp6, the target's own network namespace).
 */
import { readFileSync } from 'node:fs';
import { readFdLinks, socketInodes } from './fd-links.ts';
import type { PidSource, Probe } from './probe.ts';
import type { Sample, SocketCounts } from './sample.ts';

// Kernel TCP states (include/net/tcp_states.h), as hex in the `st` column.
const STATE_FIELD: Record<string, keyof Omit<SocketCounts, 'total'>> = {
  '01': 'established',
  '06': 'timeWait',
  '08': 'closeWait',
  '0A': 'listen',
};

/** Maps socket inode → state code from the text of /proc/net/tcp or tcp6. */
export function parseTcpTable(text: string, into: Map<string, string> = new Map()): Map<string, string> {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i]?.trim().split(/\s+/);
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode …
    if (!fields || fields.length < 10) continue;
    const state = fields[3];
    const inode = fields[9];
    if (state && inode && inode !== '0') into.set(inode, state);
  }
  return into;
}

/** Counts the target's TCP sockets by state. */
export function countSockets(inodes: ReadonlySet<string>, table: ReadonlyMap<string, string>): SocketCounts {
  const counts: SocketCounts = { established: 0, closeWait: 0, timeWait: 0, listen: 0, other: 0, total: 0 };
  for (const inode of inodes) {
    const state = table.get(inode);
    if (state === undefined) continue; // a Unix or UDP socket
    counts[STATE_FIELD[state] ?? 'other'] += 1;
    counts.total += 1;
  }
  return counts;
}

function readTable(path: string, into: Map<string, string>): void {
  try {
    parseTcpTable(readFileSync(path, 'utf8'), into);
  } catch (error) {
    // A kernel without IPv6 has no tcp6 table; that is zero sockets, not a failure.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** TCP sockets by state. */
export class SocketProbe implements Probe {
  readonly name = 'sockets';
  #pid: PidSource;

  constructor(pid: PidSource) {
    this.#pid = pid;
  }

  async sample(): Promise<Partial<Sample>> {
    const pid = this.#pid();
    if (pid === undefined) return {};
    const inodes = socketInodes(readFdLinks(pid));
    const table = new Map<string, string>();
    readTable(`/proc/${pid}/net/tcp`, table);
    readTable(`/proc/${pid}/net/tcp6`, table);
    return { sockets: countSockets(inodes, table) };
  }

  close(): void {
    // Nothing held between samples.
  }
}
