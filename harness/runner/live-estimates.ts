/**
 * Re-evaluates the run as it goes with the same pure analysis the final report uses, for the live
 * soak metrics and the progress line. Keeps a light copy of the samples (per-GC pause lists dropped; the
 * files on disk keep them) so a 6-hour run stays a few MB.
 */
import { analyzeRun, type ReportData, type RunMeta } from '../analysis/index.ts';
import type { Sample } from '../probes/index.ts';
import type { SoakEvent } from './soak-event.ts';

/** What the live view shows. */
export interface LiveView {
  memoryGrowthMbPerMin?: number;
  fdGrowthPerMin?: number;
  cleanHours: number;
  /** e.g. `heap +0.12 MB/min (inconclusive)` */
  trend: string;
  verdict: ReportData['verdict'];
}

/** Samples and events so far, and the latest analysis of them. */
export class LiveEstimates {
  #meta: RunMeta;
  #samples: Sample[] = [];
  #events: SoakEvent[] = [];
  latest: LiveView | undefined;

  constructor(meta: RunMeta) {
    this.#meta = meta;
  }

  addSample(sample: Sample): void {
    const light: Sample = { ...sample };
    if (sample.gc) light.gc = { ...sample.gc, pausesMs: [], pausesByKindMs: undefined };
    delete light.heapSpaces;
    this.#samples.push(light);
  }

  addEvent(event: SoakEvent): void {
    this.#events.push(event);
  }

  /** Runs the analysis on what has been seen so far. */
  update(): LiveView {
    const report = analyzeRun({ meta: this.#meta, samples: this.#samples, events: this.#events, skipped: { samples: 0, events: 0, reasons: [] } });
    // The heap is the leak signal; RSS drifts with no leak at all, so it only stands in for non-Node targets.
    const hasHeap = this.#samples.some((sample) => sample.heapUsed !== undefined);
    const heapName = report.growth.heapAfterGc ? 'heapAfterGc' : report.growth.heapUsed ? 'heapUsed' : hasHeap ? undefined : 'rss';
    const heap = heapName ? report.growth[heapName] : undefined;
    const heapCheck = report.checks.find((check) => check.id === (heapName === 'rss' ? 'rss-growth' : 'heap-growth'));
    const label = heapName === 'rss' ? 'rss' : 'heap';
    const trend = heap ? `${label} ${heap.perMin >= 0 ? '+' : ''}${heap.perMin.toFixed(2)} MB/min (${heapCheck?.status ?? 'inconclusive'})` : `${label}: warming up`;
    this.latest = {
      memoryGrowthMbPerMin: heap?.perMin,
      fdGrowthPerMin: report.growth.fds?.perMin,
      cleanHours: report.cleanHours,
      trend,
      verdict: report.verdict,
    };
    return this.latest;
  }
}
