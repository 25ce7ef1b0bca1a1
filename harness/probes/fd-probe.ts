/**
 * Open file descriptors of any target by kind (socket, file, pipe, anon inode) from /proc/<pid>/fd.
 */
import { readFdLinks } from './fd-links.ts';
import type { PidSource, Probe } from './probe.ts';
import type { FdCounts, Sample } from './sample.ts';

/** Counts FD link targets by kind. */
export function countFds(links: readonly string[]): FdCounts {
  const counts: FdCounts = { total: links.length, socket: 0, file: 0, pipe: 0, anon: 0, other: 0 };
  for (const link of links) {
    if (link.startsWith('socket:')) counts.socket += 1;
    else if (link.startsWith('pipe:')) counts.pipe += 1;
    else if (link.startsWith('anon_inode:')) counts.anon += 1;
    else if (link.startsWith('/')) counts.file += 1;
    else counts.other += 1;
  }
  return counts;
}

/** FDs by kind. */
export class FdProbe implements Probe {
  readonly name = 'fds';
  #pid: PidSource;

  constructor(pid: PidSource) {
    this.#pid = pid;
  }

  async sample(): Promise<Partial<Sample>> {
    const pid = this.#pid();
    if (pid === undefined) return {};
    return { fds: countFds(readFdLinks(pid)) };
  }

  close(): void {
    // Nothing held between samples.
  }
}
