/**
 * Data integrity of the target's books: gaps injected (from events) against gaps the target detected, resyncs,
 * updates applied and checksum results (from the counters scraped off its /metrics). A target whose books are
 * not observable (no /metrics counters) gets a skipped check, which does not decide the verdict.
 */
import type { Sample } from '../probes/sample.ts';
import type { SoakEvent } from '../runner/soak-event.ts';
import type { Check, Integrity } from './report-data.ts';

/** Integrity figures plus the check judged from them. */
export interface IntegrityAssessment {
  integrity: Integrity;
  check: Check;
}

/**
 * Compares injected and detected gaps. A gap injected within the last two sampling intervals may not have
 * been scraped yet, so those are left out of the comparison (and said so).
 */
export function assessIntegrity(samples: readonly Sample[], events: readonly SoakEvent[], sampleIntervalMs: number): IntegrityAssessment {
  const gapEvents = events.filter((event) => event.kind === 'gap');
  const last = [...samples].reverse().find((sample) => sample.collector !== undefined);
  const base = { id: 'integrity' as const, title: 'Order-book integrity', unit: 'gaps missed' };
  if (!last?.collector) {
    return {
      integrity: { updatesApplied: null, checksumsVerified: null, checksumFailures: null, gapsInjected: gapEvents.length, gapsDetected: null, resyncs: null },
      check: { ...base, status: 'skipped', value: null, budget: null, detail: 'The target exposes no collector counters on /metrics, so its books are not observable.' },
    };
  }
  const counters = last.collector;
  const cutoffMs = last.t - 2 * sampleIntervalMs;
  const comparable = gapEvents.filter((event) => event.t <= cutoffMs).length;
  const integrity: Integrity = {
    // Frames applied to books, not frames received (a target that does not export it: unknown).
    updatesApplied: counters.updatesApplied ?? null,
    checksumsVerified: counters.checksumsVerified ?? null,
    checksumFailures: counters.checksumFailures ?? null,
    gapsInjected: gapEvents.length,
    gapsDetected: counters.gaps,
    resyncs: counters.resyncs,
  };
  const missed = Math.max(0, comparable - counters.gaps);
  const checksumFailures = counters.checksumFailures ?? 0;
  const parts = [
    `${counters.gaps} of ${comparable} injected gaps detected${gapEvents.length > comparable ? ` (${gapEvents.length - comparable} injected too late to count)` : ''}`,
    `${counters.resyncs} resyncs`,
    `${counters.messages} updates applied`,
  ];
  if (counters.checksumsVerified !== undefined) parts.push(`${counters.checksumsVerified} checksums verified, ${checksumFailures} failed`);
  const failed = missed > 0 || checksumFailures > 0;
  const detail = `${parts.join(', ')}.${missed > 0 ? ` ${missed} gap(s) went unnoticed: the book kept applying updates across a hole.` : ''}${checksumFailures > 0 ? ' A checksum mismatch means the book diverged from the exchange.' : ''}`;
  return { integrity, check: { ...base, status: failed ? 'fail' : 'pass', value: missed + checksumFailures, budget: 0, detail } };
}
