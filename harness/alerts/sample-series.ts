/**
 * Turns a run's samples into the Prometheus series the alert rules read, on an even grid (promtool input
 * series have one fixed interval): the series a Prometheus scraping the target (and soakbook's own metrics)
 * would have stored. Pure: samples in, series out.
 *
 * Time scale k (documented in monitoring/README.md): grid time is multiplied by k, so a 5-minute run is
 * evaluated as 5k minutes; counters are multiplied by k as well so per-second rates stay what they were;
 * gauges (RSS, FDs, connections, growth rates) keep their values. Windows and `for:` durations therefore cover
 * 1/k of the real time they name, and an absolute-increase threshold (MemoryLeak's 60 MB) must be crossed
 * k times faster. k = 1 is the honest default.
 */
import type { Sample } from '../probes/sample.ts';

/** How samples become series. */
export interface SampleSeriesOptions {
  /** `job` label of the collector series (the rules select on it). */
  job: string;
  /** `instance` label of every series. */
  instance: string;
  /** Real ms between grid points (usually the run's sample interval). */
  gridIntervalMs: number;
  /** Time-compression factor ≥ 1. */
  timeScale: number;
  /** When the target started, ms since run start (process_start_time_seconds); default: the first sample. */
  targetStartMs?: number;
  /** When the target exited, ms since run start: from then on `up` is 0 and its other series stop. */
  targetExitMs?: number;
  /** Where the grid ends, ms since run start (default: the last sample). */
  endMs?: number;
  /** The soak growth gauges per sample (see liveGrowthGauges), aligned with `samples`. */
  growth?: { memoryMbPerMin: ReadonlyArray<number | null>; fdsPerMin: ReadonlyArray<number | null> };
  /** Bucket bounds (s) of the GC pause histogram rebuilt from the samples' individual pauses. */
  gcBucketsS: readonly number[];
}

/** One series: its selector text and one value per grid point (null = no sample there). */
export interface GridSeries {
  metric: string;
  labels: Record<string, string>;
  values: Array<number | null>;
}

/** Every series of a run on one grid. */
export interface SeriesSet {
  /** Run time (ms since run start) of grid point 0. */
  startMs: number;
  gridIntervalMs: number;
  timeScale: number;
  points: number;
  series: GridSeries[];
}

/**
 * GC buckets (s): prom-client's defaults (0.001, 0.01, 0.1, 1, 2, 5) refined around the 50 ms runbook
 * threshold, so histogram_quantile interpolation cannot move a p95 across it. The threshold is added when absent.
 */
export const DEFAULT_GC_BUCKETS_S: readonly number[] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];

/** Builds the series. `samples` must be sorted by t and non-empty. */
export function samplesToSeries(samples: readonly Sample[], options: SampleSeriesOptions): SeriesSet {
  const first = samples[0];
  if (!first) throw new RangeError('samplesToSeries needs at least one sample');
  const startMs = first.t;
  const endMs = Math.max(options.endMs ?? 0, samples.at(-1)?.t ?? startMs);
  const interval = options.gridIntervalMs;
  const points = Math.floor((endMs - startMs) / interval) + 1;
  const k = options.timeScale;
  const exitMs = options.targetExitMs ?? Infinity;

  // For each grid point, the index of the sample that a scrape at that moment would have seen.
  const pick: Array<number | null> = [];
  let j = 0;
  for (let i = 0; i < points; i++) {
    const at = startMs + i * interval;
    while (j + 1 < samples.length && (samples[j + 1]?.t ?? Infinity) <= at + interval / 2) j++;
    const sample = samples[j];
    const fresh = sample !== undefined && sample.t <= at + interval / 2 && at - sample.t <= 2 * interval && at < exitMs;
    pick.push(fresh ? j : null);
  }
  const gauge = (read: (sample: Sample, index: number) => number | undefined): Array<number | null> =>
    pick.map((index) => {
      if (index === null) return null;
      const sample = samples[index];
      return sample === undefined ? null : (read(sample, index) ?? null);
    });

  const base = { job: options.job, instance: options.instance };
  const series: GridSeries[] = [];
  const add = (metric: string, values: Array<number | null>, labels: Record<string, string> = {}): void => {
    if (values.some((value) => value !== null)) series.push({ metric, labels: { ...base, ...labels }, values });
  };

  // `up` starts with the first answered scrape: a Prometheus discovers a target once it serves /metrics, while
  // soakbook samples from spawn, and a 4 s start-up must not read as "down" (least of all under a time scale).
  const firstScrapeMs = samples.find((sample) => sample.collector !== undefined)?.t;
  if (firstScrapeMs !== undefined) {
    const up = pick.map((index, i) => {
      const at = startMs + i * interval;
      if (at >= exitMs) return 0;
      if (at + interval / 2 < firstScrapeMs) return null;
      return index !== null && samples[index]?.collector !== undefined ? 1 : 0;
    });
    add('up', up);
  }
  const startSeconds = (((options.targetStartMs ?? startMs) - startMs) * k) / 1000;
  add('process_start_time_seconds', gauge(() => startSeconds));
  add('process_resident_memory_bytes', gauge((s) => s.rss));
  add('process_open_fds', gauge((s) => s.fds.total));
  add('collector_file_descriptors', gauge((s) => s.fds.total));
  add('collector_tcp_connections', gauge((s) => s.sockets.total - s.sockets.listen));
  add('orderbook_collector_messages_received_total', gauge((s) => scale(s.collector?.messages, k)));
  add('orderbook_collector_messages_failed_total', gauge((s) => scale(s.collector?.failed, k)));
  add('orderbook_collector_sequence_gaps_total', gauge((s) => scale(s.collector?.gaps, k)));
  add('orderbook_collector_resyncs_total', gauge((s) => scale(s.collector?.resyncs, k)));
  add('orderbook_collector_reconnects_total', gauge((s) => scale(s.collector?.reconnects, k)));
  add('collector_orderbook_objects', gauge((s) => s.collector?.books));
  add('collector_orderbook_levels', gauge((s) => s.collector?.levels));
  for (const exchange of exchangesWithStatus(samples)) {
    add('orderbook_collector_connection_status', gauge((s) => s.collector?.connectionStatus?.[exchange]), { exchange });
  }

  if (samples.some((sample) => sample.gc !== undefined)) {
    const bounds = [...new Set(options.gcBucketsS)].sort((a, b) => a - b);
    const cumulative = cumulativeGcBuckets(samples, bounds);
    bounds.forEach((bound, b) => add('nodejs_gc_duration_seconds_bucket', gauge((_s, index) => (cumulative[index]?.[b] ?? 0) * k), { le: String(bound) }));
    add('nodejs_gc_duration_seconds_bucket', gauge((_s, index) => (cumulative[index]?.[bounds.length] ?? 0) * k), { le: '+Inf' });
  }

  const { growth } = options;
  if (growth) {
    const soakLabels = { job: 'soakbook' };
    add('memory_growth_rate_mb_per_minute', gauge((_s, index) => growth.memoryMbPerMin[index] ?? undefined), soakLabels);
    add('fd_growth_rate_per_minute', gauge((_s, index) => growth.fdsPerMin[index] ?? undefined), soakLabels);
  }
  return { startMs, gridIntervalMs: interval, timeScale: k, points, series };
}

/** Every exchange label any sample's connection status names, in first-seen order. */
function exchangesWithStatus(samples: readonly Sample[]): string[] {
  const exchanges = new Set<string>();
  for (const sample of samples) for (const exchange of Object.keys(sample.collector?.connectionStatus ?? {})) exchanges.add(exchange);
  return [...exchanges];
}

function scale(value: number | undefined, k: number): number | undefined {
  return value === undefined ? undefined : value * k;
}

/** Per sample, cumulative GC pause counts at or below each bound, then the total (the +Inf bucket). */
function cumulativeGcBuckets(samples: readonly Sample[], boundsS: readonly number[]): number[][] {
  const running = new Array<number>(boundsS.length + 1).fill(0);
  return samples.map((sample) => {
    for (const pauseMs of sample.gc?.pausesMs ?? []) {
      boundsS.forEach((bound, b) => {
        if (pauseMs / 1000 <= bound) running[b] = (running[b] ?? 0) + 1;
      });
      running[boundsS.length] = (running[boundsS.length] ?? 0) + 1;
    }
    return [...running];
  });
}
