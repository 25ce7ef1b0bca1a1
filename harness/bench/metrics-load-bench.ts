/**
 * Benchmark 4, /metrics under load (the incident: /metrics stopped answering). The collector ingests the
 * mock's flood while autocannon (in this process) hits its /metrics and /health with 10 concurrent
 * connections, and separately scrapes /metrics at 10 requests a second; each loaded window is set against
 * an unloaded one for the ingest rate lost. The reference, measured in the same run: a plain prom-client
 * registry (default metrics + 200 series) served idle by node:http, and autocannon's own ceiling on a
 * trivial route. Note the load generator shares the 2 cores with the mock and the collector.
 */
import autocannon from 'autocannon';
import { fetchText } from '../probes/index.ts';
import type { BenchFigure, BenchResult } from './bench-result.ts';
import { benchFile } from './bench-paths.ts';
import { compare, median, relativeLoss, target } from './bench-stats.ts';
import { IpcChild } from './ipc-child.ts';
import { FloodMock, measureWindow, perCpuSecond, perWallSecond, startCollectorConsumer, waitFlowing, type IngestWindow } from './ingest-rig.ts';
import { loadAverageNow, machineInfo } from './machine-info.ts';
import type { PromReferenceMessage } from './prom-reference-child.ts';

/** Size of the benchmark. */
export interface MetricsLoadBenchOptions {
  rounds: number;
  windowMs: number;
  connections: number;
  scrapeRatePerS: number;
}

export const METRICS_LOAD_BENCH_DEFAULTS: MetricsLoadBenchOptions = { rounds: 2, windowMs: 4000, connections: 10, scrapeRatePerS: 10 };

/** What one autocannon run saw. */
export interface LoadOutcome {
  requestsPerS: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon against `url` for `durationMs`; `overallRate` caps the total request rate. */
export async function loadUrl(url: string, connections: number, durationMs: number, overallRate?: number): Promise<LoadOutcome> {
  const result = await autocannon({ url, connections, duration: durationMs / 1000, ...(overallRate === undefined ? {} : { overallRate }) });
  // No answer at all leaves autocannon's latency histogram empty (p99 0): that is an infinite latency, not a fast one.
  const answered = result['2xx'] > 0;
  return { requestsPerS: result.requests.average, p99Ms: answered ? result.latency.p99 : Infinity, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

/** Runs benchmark 4. */
export async function runMetricsLoadBench(options: MetricsLoadBenchOptions = METRICS_LOAD_BENCH_DEFAULTS): Promise<BenchResult> {
  const startedAt = new Date();
  const machine = machineInfo();
  const t0 = performance.now();
  const { windowMs, connections } = options;
  // The reference first, alone on the machine (apart from other users).
  const { child: reference, ready } = await IpcChild.start<PromReferenceMessage>(benchFile('prom-reference-child.ts'), [], 60_000);
  let referenceMetrics: LoadOutcome;
  let ceiling: LoadOutcome;
  try {
    referenceMetrics = await loadUrl(`${ready.url}/metrics`, connections, windowMs);
    ceiling = await loadUrl(`${ready.url}/`, connections, windowMs);
  } finally {
    await reference.close();
  }
  const mock = await FloodMock.start();
  const base: IngestWindow[] = [];
  const rated: IngestWindow[] = [];
  const busy: IngestWindow[] = [];
  const metricsLoads: LoadOutcome[] = [];
  const healthLoads: LoadOutcome[] = [];
  const ratedLoads: LoadOutcome[] = [];
  let metricsBytes = NaN;
  try {
    const consumer = await startCollectorConsumer(mock);
    try {
      await waitFlowing(consumer, 20_000, 60_000);
      const { metricsUrl, healthUrl } = consumer.collector;
      metricsBytes = Buffer.byteLength((await fetchText(metricsUrl, 5000)).body);
      for (let r = 0; r < options.rounds; r++) {
        base.push(await measureWindow(mock, consumer, windowMs));
        rated.push(await measureWindow(mock, consumer, windowMs, async () => ratedLoads.push(await loadUrl(metricsUrl, 1, windowMs, options.scrapeRatePerS))));
        busy.push(await measureWindow(mock, consumer, windowMs, async () => metricsLoads.push(await loadUrl(metricsUrl, connections, windowMs))));
        healthLoads.push(await loadUrl(healthUrl, connections, windowMs));
      }
    } finally {
      await consumer.close();
    }
  } finally {
    await mock.close();
  }
  const baseCpu = median(base.map(perCpuSecond));
  const baseWall = median(base.map(perWallSecond));
  const ratedLossCpu = relativeLoss(baseCpu, median(rated.map(perCpuSecond)));
  const ratedLossWall = relativeLoss(baseWall, median(rated.map(perWallSecond)));
  const busyLossWall = relativeLoss(baseWall, median(busy.map(perWallSecond)));
  const busyLossCpu = relativeLoss(baseCpu, median(busy.map(perCpuSecond)));
  const metricsRps = median(metricsLoads.map((l) => l.requestsPerS));
  const metricsP99 = median(metricsLoads.map((l) => l.p99Ms));
  const healthRps = median(healthLoads.map((l) => l.requestsPerS));
  const healthP99 = median(healthLoads.map((l) => l.p99Ms));
  const failures = [...metricsLoads, ...healthLoads, ...ratedLoads].reduce((n, l) => n + l.errors + l.non2xx, 0);
  const figures: BenchFigure[] = [
    { label: `/health requests per second, ${connections} connections, while ingesting`, value: healthRps, unit: 'req/s' },
    { label: `/health p99, ${connections} connections, while ingesting`, value: healthP99, unit: 'ms' },
    { label: `ingest lost while ${connections} connections hammer /metrics (wall rate)`, value: busyLossWall * 100, unit: '%' },
    { label: `ingest lost while ${connections} connections hammer /metrics (per collector CPU-second)`, value: busyLossCpu * 100, unit: '%' },
    { label: `ingest lost scraping at ${options.scrapeRatePerS} req/s (wall rate)`, value: ratedLossWall * 100, unit: '%' },
    { label: 'ingest rate without scrapes (wall)', value: baseWall, unit: 'msg/s' },
    { label: 'collector /metrics body', value: metricsBytes, unit: 'B' },
    { label: `reference registry body`, value: ready.metricsBytes, unit: 'B' },
    { label: `autocannon ceiling on a trivial route, ${connections} connections`, value: ceiling.requestsPerS, unit: 'req/s' },
    { label: 'failed requests (errors, timeouts, non-2xx) across all loaded windows', value: failures, unit: 'requests' },
  ];
  machine.loadAvgEnd = loadAverageNow();
  return {
    name: 'metrics-load',
    title: '/metrics and /health under full ingest load (autocannon)',
    machine,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    repeats: options.rounds,
    comparisons: [
      compare(`/metrics requests per second, ${connections} connections`, 'req/s', metricsRps, referenceMetrics.requestsPerS, 'idle prom-client registry (defaults + 200 series)', true),
      compare(`/metrics p99 latency, ${connections} connections`, 'ms', metricsP99, referenceMetrics.p99Ms, 'idle prom-client registry (defaults + 200 series)', false),
    ],
    figures,
    targets: [
      target('metrics-p99', `/metrics p99 < 50 ms with ${connections} concurrent scrapers while ingesting`, metricsP99, '<=', 50, 'ms'),
      target('scrape-cost', `scraping at ${options.scrapeRatePerS} req/s costs ingest ≤ 2 % (per collector CPU-second)`, ratedLossCpu * 100, '<=', 2, '%'),
      target('metrics-answers', 'every request answered (no errors, timeouts or non-2xx)', failures, '<=', 0, 'requests'),
    ],
    notes: [
      `Collector ingesting the mock's flood (as in socket-ingest); ${options.rounds} rounds of ${windowMs} ms windows: unloaded, ${options.scrapeRatePerS} req/s scrape, ${connections} connections on /metrics, then ${connections} on /health; medians.`,
      'Ingest loss per collector CPU-second counts the scrape work as the cost it is; the wall-rate loss also depends on who is the bottleneck (mock or collector) and on the machine load.',
      'autocannon runs in the benchmark process and shares the 2 cores with the mock and the collector; the reference was measured with no ingest running.',
    ],
  };
}
