/**
 * Bytes allocated per unit of work (a book change, a message), measured as the heap-used delta over
 * windows in which no GC ran: a GC inside a window would hide what was allocated. Each window starts
 * right after a forced GC (so the young generation is empty); GC entries from a PerformanceObserver tell
 * which windows stayed clean. A window that saw a GC is discarded and the next ones are made smaller.
 * What the measuring itself allocates (an empty window) is subtracted. Needs `--expose-gc` (the bench
 * children are spawned with it).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { median } from './bench-stats.ts';

/** The outcome of a window series. */
export interface AllocationEstimate {
  /** Median heap growth per unit over the GC-free windows (NaN when none stayed clean). */
  bytesPerUnit: number;
  windowsClean: number;
  windowsWithGc: number;
  /** Units in the last window tried. */
  lastWindowUnits: number;
  /** Bytes an empty window shows (the median is subtracted). */
  overheadBytes: number;
  /** Raw heap growth of each clean window, before the overhead is subtracted. */
  windowBytes: number[];
  /** The spread of the empty windows per unit of the last window: figures below it cannot be told from 0. */
  resolutionBytesPerUnit: number;
}

interface Window {
  bytes: number;
  startMs: number;
  endMs: number;
  done: number;
}

const MIN_WINDOW_UNITS = 64;
const WARM_UP_WINDOWS = 3;

/** Runs `windows` windows; `run(units)` does that much work and returns the units actually done. */
export async function bytesPerUnit(windows: number, firstWindowUnits: number, run: (units: number) => number): Promise<AllocationEstimate> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') throw new Error('bytesPerUnit needs node --expose-gc');
  const gcStarts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  const measure = async (units: number): Promise<Window & { gcInside: boolean }> => {
    gc();
    // Let the forced GC's entry arrive before the window opens, so it is never mistaken for one inside it.
    await tick();
    const seen = gcStarts.length;
    const before = process.memoryUsage().heapUsed;
    const startMs = performance.now();
    const done = run(units);
    const endMs = performance.now();
    const after = process.memoryUsage().heapUsed;
    await tick();
    const gcInside = gcStarts.slice(seen).some((t) => t >= startMs && t <= endMs);
    return { bytes: after - before, startMs, endMs, done, gcInside };
  };
  const perUnit: number[] = [];
  const windowBytes: number[] = [];
  let withGc = 0;
  let units = firstWindowUnits;
  let overheadBytes = 0;
  const empty: number[] = [];
  try {
    // The first empty windows carry one-time allocations of the measuring itself (first timer, first
    // observer delivery); they are run but not counted.
    for (let i = 0; i < 7; i++) {
      const bytes = (await measure(0)).bytes;
      if (i >= 2) empty.push(bytes);
    }
    overheadBytes = median(empty);
    // Warm-up windows, not counted: until the optimizing compiler has the loop, V8 tracks allocation
    // sites and puts a 16 B AllocationMemento behind each literal it allocates (seen: 96 B instead of
    // 80 B per 4-element array in the first windows), which is not what steady-state code costs.
    for (let i = 0; i < WARM_UP_WINDOWS; i++) await measure(units);
    for (let w = 0; w < windows; w++) {
      const window = await measure(units);
      if (window.gcInside || window.done <= 0) {
        withGc++;
        units = Math.max(MIN_WINDOW_UNITS, Math.floor(units / 4));
        continue;
      }
      windowBytes.push(window.bytes);
      perUnit.push(Math.max(0, window.bytes - overheadBytes) / window.done);
    }
  } finally {
    observer.disconnect();
  }
  const resolutionBytesPerUnit = empty.length > 0 ? (Math.max(...empty) - Math.min(...empty)) / units : NaN;
  return { bytesPerUnit: median(perUnit), windowsClean: perUnit.length, windowsWithGc: withGc, lastWindowUnits: units, overheadBytes, windowBytes, resolutionBytesPerUnit };
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}
