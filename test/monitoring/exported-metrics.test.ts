// Every metric a rule, a dashboard panel or alert evaluation names is really exported: collector names
// against a live /metrics scrape of the real collector (against a tiny Binance-like exchange), soak names
// against a live scrape of the harness's soak-metrics server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedMetricFor, promqlMetricNames, readDeclaredAlerts, samplesToSeries } from '../../harness/alerts/index.ts';
import { SoakMetrics, SoakMetricsServer } from '../../harness/soak-metrics/index.ts';
import { createCollector, type Collector } from '../../src/collector.ts';
import { loadConfig } from '../../src/config/index.ts';
import { syntheticSamples, CLEAN } from '../harness/alerts/synthetic-run.ts';
import { eventually, startTinyBinance, type TinyBinance } from '../src/tiny-binance.ts';
import { dashboardQueries, readDashboard } from './dashboard-queries.ts';

/** Series Prometheus makes itself for every scrape target; no exporter serves them. */
const PROMETHEUS_GENERATED = new Set(['up']);

/** Metric family names in Prometheus text (every `# TYPE` line, so label-less families count too). */
function familyNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^# TYPE (\S+) \S+$/gm)].map((match) => match[1] ?? ''));
}

let exchange: TinyBinance;
let collector: Collector;
let soakServer: SoakMetricsServer;
let outDir: string;
let collectorNames: Set<string>;
let soakNames: Set<string>;

beforeAll(async () => {
  exchange = await startTinyBinance();
  outDir = mkdtempSync(join(tmpdir(), 'soakbook-scrape-'));
  const config = loadConfig({
    env: { SOAK_BINANCE_WS: exchange.wsUrl, SOAK_BINANCE_REST: exchange.restUrl, SOAK_BINANCE_SYMBOLS: 'BTCUSDT', SOAK_METRICS_PORT: '0' },
    flags: { health: { graceMs: 0 }, sink: { outDir, intervalMs: 1000, mode: 'diff' } },
  });
  collector = createCollector(config);
  const { url } = await collector.start();
  // Scrape once traffic has flowed, so labelled families carry series as they do in production.
  const text = await eventually(async () => {
    const body = await (await fetch(`${url}/metrics`)).text();
    return /^orderbook_collector_messages_received_total\{/m.test(body) ? body : undefined;
  }, 'the collector to count a message');
  collectorNames = familyNames(text);

  const soak = new SoakMetrics({ scenario: 'smoke', target: 'soakbook collector' });
  soakServer = await SoakMetricsServer.listen(soak, 0);
  soakNames = familyNames(await (await fetch(`http://127.0.0.1:${soakServer.port}/metrics`)).text());
});

afterAll(async () => {
  await collector?.stop();
  await soakServer?.close();
  await exchange?.close();
  rmSync(outDir, { recursive: true, force: true });
});

function unexported(exprs: Array<{ where: string; expr: string }>): string[] {
  const exported = new Set([...collectorNames, ...soakNames]);
  return exprs.flatMap(({ where, expr }) =>
    promqlMetricNames(expr)
      .filter((name) => !PROMETHEUS_GENERATED.has(name) && exportedMetricFor(name, exported) === undefined)
      .map((name) => `${where}: ${name}`),
  );
}

describe('metric names used by the monitoring pack', () => {
  it('the live scrapes hold the names DESIGN.md promises', () => {
    for (const name of ['orderbook_collector_messages_received_total', 'collector_tcp_connections', 'process_resident_memory_bytes', 'process_open_fds', 'process_start_time_seconds', 'nodejs_gc_duration_seconds', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(collectorNames.has(name), name).toBe(true);
    }
    for (const name of ['memory_growth_rate_mb_per_minute', 'fd_growth_rate_per_minute', 'leaked_objects_total', 'clean_hours_counter', 'gc_pause_duration_seconds', 'process_memory_rss_bytes']) {
      expect(soakNames.has(name), name).toBe(true);
    }
  });

  it('every alert rule reads only exported metrics', () => {
    const rules = readDeclaredAlerts(readFileSync(new URL('../../monitoring/rules/collector-alerts.yml', import.meta.url), 'utf8'));
    expect(rules.length).toBe(12);
    const exprs = rules.map((rule) => ({ where: rule.alert, expr: rule.expr }));
    expect(exprs.flatMap(({ expr }) => promqlMetricNames(expr))).toContain('process_open_fds');
    expect(unexported(exprs)).toEqual([]);
  });

  it('every dashboard query reads only exported metrics', () => {
    expect(unexported(dashboardQueries(readDashboard()))).toEqual([]);
  });

  it('the series alert evaluation builds from samples carry only exported names', () => {
    const samples = syntheticSamples({ ...CLEAN, minutes: 1, intervalMs: 5000 });
    const set = samplesToSeries(samples, {
      job: 'orderbook-collector',
      instance: 'soak-target',
      gridIntervalMs: 5000,
      timeScale: 1,
      gcBucketsS: [0.001, 0.05],
      growth: { memoryMbPerMin: samples.map(() => 0.1), fdsPerMin: samples.map(() => 0) },
    });
    const exprs = set.series.map((series) => ({ where: 'samplesToSeries', expr: series.metric }));
    expect(exprs.length).toBeGreaterThan(10);
    expect(unexported(exprs)).toEqual([]);
  });

  it('a name nobody exports is caught', () => {
    expect(unexported([{ where: 'probe', expr: 'rate(orderbook_collector_messages_recieved_total[5m])' }])).toEqual(['probe: orderbook_collector_messages_recieved_total']);
  });
});
