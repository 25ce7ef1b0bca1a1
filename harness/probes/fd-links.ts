/**
 * Lists a process's open file descriptors with their link targets from /proc/<pid>/fd, the one place
 * both the FD probe and the socket probe read them from.
 */
import { readdirSync, readlinkSync } from 'node:fs';

/** Link targets of every open FD (`socket:[123]`, `pipe:[4]`, `anon_inode:[eventfd]`, `/path`). */
export function readFdLinks(pid: number): string[] {
  const links: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      links.push(readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch (error) {
      // Closed between readdir and readlink: it is no longer open, so it is not counted.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return links;
}

/** Socket inodes among FD link targets. */
export function socketInodes(links: readonly string[]): Set<string> {
  const inodes = new Set<string>();
  for (const link of links) {
    if (link.startsWith('socket:[')) inodes.add(link.slice(8, -1));
  }
  return inodes;
}
