/**
 * When and how the runner takes heap snapshots. A snapshot freezes the target (~5 µs per object) and
 * spoils its later GC and RSS figures, so plans are explicit, the default is none, and each snapshot is
 * refused when free memory is below 10× the target's heap (writing one can need several times the heap).
 */
import { readFileSync } from 'node:fs';
import { freemem } from 'node:os';
import type { AgentConnection } from '../agent/index.ts';
import type { Scenario } from '../scenario/index.ts';

/** Free memory must be at least this multiple of the target's heap used. */
export const SNAPSHOT_FREE_MEMORY_FACTOR = 10;

/** Snapshot times (ms since run start); the last one of a plan is taken when the run completes. */
export function snapshotTimesMs(scenario: Scenario): number[] {
  const { plan, atFractions } = scenario.heapSnapshots;
  if (plan === 'none') return [];
  if (plan === 'final') return [scenario.durationMs];
  const [baseline, target] = atFractions ?? [0.5, 0.75];
  return [Math.round(baseline * scenario.durationMs), Math.round(target * scenario.durationMs), scenario.durationMs];
}

/** MemAvailable from /proc/meminfo (what the kernel can give without swapping), else os.freemem(). */
export function availableMemoryBytes(): number {
  try {
    const match = /^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return freemem();
}

/** The outcome of one snapshot attempt, written as `gc-forced` and `heap-snapshot` events. */
export type SnapshotOutcome =
  | { ok: true; path: string; forcedGcMs: number; snapshotMs: number; heapUsedBefore: number }
  | { ok: false; reason: string };

/** Takes one snapshot through the agent, or refuses with a reason. */
export async function takeSnapshot(agent: AgentConnection | undefined, path: string, heapUsedBytes: number | undefined, timeoutMs: number): Promise<SnapshotOutcome> {
  if (!agent) return { ok: false, reason: 'no agent in the target (not a Node target?)' };
  const available = availableMemoryBytes();
  if (heapUsedBytes !== undefined && available < SNAPSHOT_FREE_MEMORY_FACTOR * heapUsedBytes) {
    const mb = (n: number): string => `${Math.round(n / 1_048_576)} MB`;
    return { ok: false, reason: `refused: ${mb(available)} free is under ${SNAPSHOT_FREE_MEMORY_FACTOR}× the target's ${mb(heapUsedBytes)} heap` };
  }
  try {
    const reply = await agent.snapshot(path, true, timeoutMs);
    if (!reply.ok) return { ok: false, reason: reply.error ?? 'the agent could not write it' };
    return { ok: true, path: reply.path, forcedGcMs: reply.forcedGcMs, snapshotMs: reply.snapshotMs, heapUsedBefore: reply.heapUsedBefore };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
