/**
 * The free-memory guard before any heap snapshot. Taking one makes V8 build the whole object graph beside
 * the heap and serialise it; measured here, a 108 MB heap pushed its process from 185 MB to 1.07 GB RSS —
 * about 10× the heap used. Below that headroom the snapshot can take the machine (and the soak) down with
 * it, so we refuse with a clear message instead.
 */
import { freemem } from 'node:os';
import { SoakError } from '../errors.ts';

/** Free memory needed per byte of the target's heap used. */
export const SNAPSHOT_MEMORY_FACTOR = 10;

/** Memory available to new allocations: cgroup-aware where Node offers it (20.13+), else the OS figure. */
export function availableMemoryBytes(): number {
  const fromProcess = (process as { availableMemory?: () => number }).availableMemory?.();
  return typeof fromProcess === 'number' && Number.isFinite(fromProcess) && fromProcess > 0 ? fromProcess : freemem();
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Throws SoakError SOAK_ERR_HEAP_SNAPSHOT when available memory is below 10× the target's heap used. */
export function assertMemoryForSnapshot(heapUsedBytes: number, availableBytes: number = availableMemoryBytes()): void {
  if (!Number.isFinite(heapUsedBytes) || heapUsedBytes < 0) {
    throw new SoakError('SOAK_ERR_HEAP_SNAPSHOT', `heap snapshot: heap used must be a non-negative number of bytes (got ${heapUsedBytes})`);
  }
  const neededBytes = heapUsedBytes * SNAPSHOT_MEMORY_FACTOR;
  if (availableBytes < neededBytes) {
    throw new SoakError(
      'SOAK_ERR_HEAP_SNAPSHOT',
      `refusing to take a heap snapshot: ${megabytes(availableBytes)} of memory available, but a snapshot needs about ` +
        `${SNAPSHOT_MEMORY_FACTOR}× the target's ${megabytes(heapUsedBytes)} heap used (${megabytes(neededBytes)})`,
    );
  }
}
