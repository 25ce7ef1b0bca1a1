/**
 * A drop-in for the `heapdump` package's API, without its native addon: `writeSnapshot([filename],
 * [callback])` writes a snapshot synchronously through `v8.writeHeapSnapshot` and calls `callback(err,
 * filename)` before returning, as heapdump does. The default file name keeps heapdump's
 * `heapdump-<sec>.<usec>.heapsnapshot` (from the monotonic clock, as heapdump computes it), in the working
 * directory.
 *
 * heapdump's other feature, a snapshot on SIGUSR2, is built into Node: start the target with
 * `node --heapsnapshot-signal=SIGUSR2 [--diagnostic-dir=<dir>] app.js` and `kill -USR2 <pid>` writes
 * `Heap.<date>.<time>.<pid>.<tid>.<seq>.heapsnapshot` into the diagnostic directory (default: the cwd).
 */
import { writeHeapSnapshot } from 'node:v8';

/** heapdump's callback: an error, or null and the file written. */
export type WriteSnapshotCallback = (error: Error | null, filename?: string) => void;

/** heapdump's default name: `heapdump-<sec>.<usec>.heapsnapshot`, sec and usec split from uv_hrtime as heapdump does. */
export function defaultSnapshotFilename(nowNs: bigint = process.hrtime.bigint()): string {
  return `heapdump-${nowNs / 1_000_000n}.${nowNs % 1_000_000n}.heapsnapshot`;
}

/** Writes a heap snapshot (heapdump-compatible). Returns true when it was written. */
export function writeSnapshot(filename?: string | WriteSnapshotCallback, callback?: WriteSnapshotCallback): boolean {
  let name: string | undefined;
  let done: WriteSnapshotCallback | undefined = callback;
  if (typeof filename === 'function') done = filename;
  else name = filename;
  if (name !== undefined && typeof name !== 'string') throw new TypeError('writeSnapshot: filename must be a string');
  if (done !== undefined && typeof done !== 'function') throw new TypeError('writeSnapshot: callback must be a function');
  let written: string;
  try {
    written = writeHeapSnapshot(name ?? defaultSnapshotFilename());
  } catch (error) {
    if (!done) return false;
    done(error instanceof Error ? error : new Error(String(error)));
    return false;
  }
  done?.(null, written);
  return true;
}
