/**
 * RSS, threads and CPU time of any target from /proc/<pid>/status and /proc/<pid>/stat.
 */
import { readFileSync } from 'node:fs';
import type { PidSource, Probe } from './probe.ts';
import type { Sample } from './sample.ts';

// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build.
const MS_PER_TICK = 10;

/** Reads RSS (bytes) and thread count from /proc/<pid>/status. */
export function readStatus(pid: number): { rssBytes: number; threads: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  const threads = /^Threads:\s+(\d+)$/m.exec(status);
  // A zombie has no VmRSS: it holds no memory any more.
  return { rssBytes: rssKb ? Number(rssKb[1]) * 1024 : 0, threads: threads ? Number(threads[1]) : 0 };
}

/** Reads cumulative user and system CPU time (ms) from /proc/<pid>/stat. */
export function readCpuMs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after "(comm) ": state=0, ppid=1, …, utime=11, stime=12.
  return { user: Number(fields[11]) * MS_PER_TICK, system: Number(fields[12]) * MS_PER_TICK };
}

/** Memory, threads and CPU since the previous sample. */
export class ProcessProbe implements Probe {
  readonly name = 'process';
  #pid: PidSource;
  #last: { pid: number; user: number; system: number } | undefined;

  constructor(pid: PidSource) {
    this.#pid = pid;
  }

  async sample(): Promise<Partial<Sample>> {
    const pid = this.#pid();
    if (pid === undefined) return {};
    const { rssBytes, threads } = readStatus(pid);
    const cpu = readCpuMs(pid);
    // A new measured process (an agent reported a deeper pid) starts its own CPU baseline.
    const last = this.#last?.pid === pid ? this.#last : { pid, ...cpu };
    this.#last = { pid, ...cpu };
    return { pid, rss: rssBytes, threads, cpu: { user: cpu.user - last.user, system: cpu.system - last.system } };
  }

  close(): void {
    this.#last = undefined;
  }
}
