/**
 * Wall and CPU time of a piece of work in this process. CPU time (process.cpuUsage) is the figure the
 * targets use: on a shared machine wall time also counts the time other processes held the core.
 */

/** Wall and CPU time of one measured span. */
export interface Span {
  wallMs: number;
  cpuMs: number;
}

/** A started measurement; `stop()` returns the span since it started. */
export interface SpanTimer {
  stop(): Span;
}

/** Starts measuring wall and CPU (user + system) time of this process. */
export function startSpan(): SpanTimer {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  return {
    stop(): Span {
      const cpu = process.cpuUsage(cpu0);
      return { wallMs: performance.now() - wall0, cpuMs: (cpu.user + cpu.system) / 1000 };
    },
  };
}

/** Runs `work` once and returns its span. */
export function timeSync(work: () => void): Span {
  const span = startSpan();
  work();
  return span.stop();
}

/** CPU time (user + system, ms) of a process read from its own counters, for a child reporting over IPC. */
export function ownCpuMs(): number {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
}
