/**
 * Counts this process's file descriptors and TCP connections straight from /proc, the way the incident was
 * finally diagnosed (97 sockets held where 10–15 were expected). Read asynchronously at scrape time only, so
 * the cost never lands on the ingest path. On a system without /proc both return undefined.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

/** TCP state code for LISTEN in /proc/net/tcp (listening sockets are servers, not connections). */
const TCP_LISTEN = '0A';
const SOCKET_LINK = /^socket:\[(\d+)\]$/;

/** Open file descriptors of this process, or undefined when /proc is unavailable. */
export async function countFileDescriptors(): Promise<number | undefined> {
  try {
    const entries = await readdir('/proc/self/fd');
    // readdir itself holds one descriptor on the directory while it reads it.
    return Math.max(0, entries.length - 1);
  } catch (error) {
    return absentProc(error);
  }
}

/** TCP connections (any state but LISTEN) whose socket this process holds, or undefined without /proc. */
export async function countTcpConnections(): Promise<number | undefined> {
  let inodes: Set<string>;
  try {
    inodes = await socketInodes();
  } catch (error) {
    return absentProc(error);
  }
  if (inodes.size === 0) return 0;
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = await readFile(table, 'latin1');
    } catch (error) {
      // tcp6 is missing on hosts with IPv6 disabled; that table then simply holds nothing.
      if (absentProc(error) === undefined) continue;
      throw error;
    }
    count += countOwnedConnections(text, inodes);
  }
  return count;
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

async function socketInodes(): Promise<Set<string>> {
  const inodes = new Set<string>();
  const fds = await readdir('/proc/self/fd');
  for (const fd of fds) {
    let target: string;
    try {
      target = await readlink(`/proc/self/fd/${fd}`);
    } catch (error) {
      // The descriptor closed between readdir and readlink (normal churn); anything else is real.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const match = SOCKET_LINK.exec(target);
    if (match?.[1] !== undefined) inodes.add(match[1]);
  }
  return inodes;
}

function absentProc(error: unknown): undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return undefined;
  throw error;
}
