/**
 * The soak growth gauges (`memory_growth_rate_mb_per_minute`, `fd_growth_rate_per_minute`) as the runner served
 * them live, rebuilt from a finished run: the runner re-runs analyzeRun on the samples so far every 10 s (runs
 * under 5 min) or 60 s and publishes the heap (else RSS) and FD growth (harness/runner/live-estimates.ts);
 * this replays the same analysis with `untilMs` at the same cadence and holds each value until the next update.
 */
import { analyzeRun, type ReportData, type RunInput } from '../analysis/index.ts';

/** Gauge values per sample (null before the analysis has a growth figure). */
export interface LiveGrowthGauges {
  memoryMbPerMin: Array<number | null>;
  fdsPerMin: Array<number | null>;
  /** Updates replayed; fewer than the live run made when capped by maxUpdates. */
  updates: number;
  cadenceMs: number;
}

/** Replay options. */
export interface LiveGrowthOptions {
  /** Update cadence, ms (default: the runner's, 10 s for runs under 5 min, else 60 s). */
  cadenceMs?: number;
  /** At most this many analyses (default 120); the cadence is stretched to fit: a 6-hour run costs ~2 min. */
  maxUpdates?: number;
}

/** The live runner's choice of memory series (kept equal to harness/runner/live-estimates.ts). */
export function liveMemoryGrowth(report: ReportData): number | undefined {
  const name = report.growth.heapAfterGc ? 'heapAfterGc' : report.growth.heapUsed ? 'heapUsed' : 'rss';
  return report.growth[name]?.perMin;
}

/** Replays the live estimates over the run's samples. */
export function liveGrowthGauges(input: RunInput, options: LiveGrowthOptions = {}): LiveGrowthGauges {
  const samples = [...input.samples].sort((a, b) => a.t - b.t);
  const firstMs = samples[0]?.t ?? 0;
  const lastMs = samples.at(-1)?.t ?? 0;
  const spanMs = lastMs - firstMs;
  let cadenceMs = options.cadenceMs ?? (spanMs < 5 * 60_000 ? 10_000 : 60_000);
  cadenceMs = Math.max(cadenceMs, Math.ceil(spanMs / (options.maxUpdates ?? 120)));
  const memoryMbPerMin: Array<number | null> = [];
  const fdsPerMin: Array<number | null> = [];
  let memory: number | null = null;
  let fds: number | null = null;
  let nextUpdateMs = firstMs + cadenceMs;
  let updates = 0;
  for (const sample of samples) {
    if (sample.t >= nextUpdateMs) {
      const report = analyzeRun(input, { untilMs: sample.t });
      memory = liveMemoryGrowth(report) ?? null;
      fds = report.growth.fds?.perMin ?? null;
      updates++;
      nextUpdateMs = sample.t + cadenceMs;
    }
    memoryMbPerMin.push(memory);
    fdsPerMin.push(fds);
  }
  return { memoryMbPerMin, fdsPerMin, updates, cadenceMs };
}
