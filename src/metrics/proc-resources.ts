/**
 * Counts this process's file descriptors and TCP connections straight from /proc, the way the incident was
 * finally diagnosed (97 sockets held where 10–15 were expected). Read at scrape time only, never on the
 * ingest path. The reads are synchronous on purpose: procfs answers from kernel memory in microseconds per
 * descriptor, whereas the async fs API sends every readlink through the thread pool and costs one event-loop
 * turn each — under full ingest load a scrape then waits behind dozens of turns of frame processing, which is
 * exactly how a collector's /metrics goes dark. On a system without /proc both return undefined.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** TCP state code for LISTEN in /proc/net/tcp (listening sockets are servers, not connections). */
const TCP_LISTEN = '0A';
const SOCKET_LINK = /^socket:\[(\d+)\]$/;

/** Open file descriptors of this process, or undefined when /proc is unavailable. */
export function countFileDescriptors(): number | undefined {
  try {
    // readdirSync holds one descriptor on the directory while it reads it.
    return Math.max(0, readdirSync('/proc/self/fd').length - 1);
  } catch (error) {
    return absentProc(error);
  }
}

/** TCP connections (any state but LISTEN) whose socket this process holds, or undefined without /proc. */
export function countTcpConnections(): number | undefined {
  let inodes: Set<string>;
  try {
    inodes = socketInodes();
  } catch (error) {
    return absentProc(error);
  }
  if (inodes.size === 0) return 0;
  return countOwnedConnections(readTable('/proc/net/tcp'), inodes) + countOwnedConnections(readTable('/proc/net/tcp6'), inodes);
}

/** Counts rows of a /proc/net/tcp table whose inode is in `inodes` and whose state is not LISTEN. */
export function countOwnedConnections(table: string, inodes: ReadonlySet<string>): number {
  let count = 0;
  const lines = table.split('\n');
  // Row 0 is the header.
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i]?.trim().split(/\s+/);
    if (!fields || fields.length < 10) continue;
    const state = fields[3];
    const inode = fields[9];
    if (state !== TCP_LISTEN && inode !== undefined && inodes.has(inode)) count++;
  }
  return count;
}

function socketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch (error) {
      // The descriptor closed between readdir and readlink (normal churn, e.g. readdir's own); anything else is real.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const match = SOCKET_LINK.exec(target);
    if (match?.[1] !== undefined) inodes.add(match[1]);
  }
  return inodes;
}

/** A /proc/net table's text, or '' when it does not exist (tcp6 on hosts with IPv6 disabled). */
function readTable(path: string): string {
  try {
    return readFileSync(path, 'latin1');
  } catch (error) {
    if (absentProc(error) === undefined) return '';
    throw error;
  }
}

function absentProc(error: unknown): undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return undefined;
  throw error;
}
