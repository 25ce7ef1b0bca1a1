/**
 * When and how the runner takes heap snapshots. A snapshot freezes the target (~5 µs per object) and
 * spoils its later GC and RSS figures, so plans are explicit, the default is none, and each snapshot is
 * refused when free memory is below 10× the target's heap (harness/heap-capture's guard).
 */
import type { AgentConnection } from '../agent/index.ts';
import { assertMemoryForSnapshot } from '../heap-capture/index.ts';
import type { Scenario } from '../scenario/index.ts';

/** Snapshot times (ms since run start); the last one of a plan is taken when the run completes. */
export function snapshotTimesMs(scenario: Scenario): number[] {
  const { plan, atFractions } = scenario.heapSnapshots;
  if (plan === 'none') return [];
  if (plan === 'final') return [scenario.durationMs];
  const [baseline, target] = atFractions ?? [0.5, 0.75];
  return [Math.round(baseline * scenario.durationMs), Math.round(target * scenario.durationMs), scenario.durationMs];
}

/** File names of a plan's snapshots, in order (the names the heap-diff step looks for). */
export function snapshotNames(scenario: Scenario): string[] {
  const { plan } = scenario.heapSnapshots;
  if (plan === 'none') return [];
  return plan === 'final' ? ['final.heapsnapshot'] : ['baseline.heapsnapshot', 'target.heapsnapshot', 'final.heapsnapshot'];
}

/** The outcome of one snapshot attempt, written as `gc-forced` and `heap-snapshot` events. */
export type SnapshotOutcome =
  | { ok: true; path: string; forcedGcMs: number; snapshotMs: number; heapUsedBefore: number }
  | { ok: false; reason: string };

/** Takes one snapshot through the agent, or refuses with a reason. */
export async function takeSnapshot(agent: AgentConnection | undefined, path: string, heapUsedBytes: number | undefined, timeoutMs: number): Promise<SnapshotOutcome> {
  if (!agent) return { ok: false, reason: 'no agent in the target (not a Node target?)' };
  try {
    // Refused (SOAK_ERR_HEAP_SNAPSHOT) below ~10× the heap in free memory: a snapshot must not take the host down.
    if (heapUsedBytes !== undefined) assertMemoryForSnapshot(heapUsedBytes);
    const reply = await agent.snapshot(path, true, timeoutMs);
    if (!reply.ok) return { ok: false, reason: reply.error ?? 'the agent could not write it' };
    return { ok: true, path: reply.path, forcedGcMs: reply.forcedGcMs, snapshotMs: reply.snapshotMs, heapUsedBefore: reply.heapUsedBefore };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
