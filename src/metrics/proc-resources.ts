/**
 * Counts this process's file descriptors and TCP connections straight from /proc, the way the incident was
 * finally diagnosed (97 sockets held where 10–15 were expected). Never read on the ingest path; the TCP
 * count is read through a CachedReading (collector-metrics.ts), so a scrape serves it from memory. The TCP count reads asynchronously and in parallel: a synchronous read of /proc/net/tcp
 * measured 4–8 ms here (a stall the harness would see as event-loop delay), while sequential awaits cost one
 * event-loop turn each — under full ingest load a scrape would then queue behind dozens of turns of frame
 * processing, which is how a collector's /metrics goes dark. Parallel, a scrape needs a handful of turns.
 * On a system without /proc both return undefined.
 */
import { readdirSync } from 'node:fs';
import { readFile, readlink } from 'node:fs/promises';

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
export async function countTcpConnections(): Promise<number | undefined> {
  let fds: string[];
  try {
    fds = readdirSync('/proc/self/fd');
  } catch (error) {
    return absentProc(error);
  }
  const [targets, tcp, tcp6] = await Promise.all([
    Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(closedMeanwhile))),
    readTable('/proc/net/tcp'),
    readTable('/proc/net/tcp6'),
  ]);
  const inodes = new Set<string>();
  for (const target of targets) {
    const match = target === undefined ? null : SOCKET_LINK.exec(target);
    if (match?.[1] !== undefined) inodes.add(match[1]);
  }
  return countOwnedConnections(tcp, inodes) + countOwnedConnections(tcp6, inodes);
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

/** A descriptor that closed between readdir and readlink is normal churn (readdir's own, say); anything else is real. */
function closedMeanwhile(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}

/** A /proc/net table's text, or '' when it does not exist (tcp6 on hosts with IPv6 disabled). */
async function readTable(path: string): Promise<string> {
  try {
    return await readFile(path, 'latin1');
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
