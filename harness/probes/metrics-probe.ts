/**
 * Scrapes the target's /metrics (when it serves one on SOAK_METRICS_PORT) for the collector's ingest
 * counters, so leaks can be read per message and per reconnect. A target whose /metrics stops answering
 * is itself a finding (the incident's "no data"), so each scrape's outcome is recorded.
 */
import { request } from 'node:http';
import type { Probe } from './probe.ts';
import { parsePrometheusText, sumByName, type MetricSample } from './prometheus-text.ts';
import type { CollectorCounters, Sample } from './sample.ts';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Metric names (DESIGN.md) behind each collector counter. */
export const COLLECTOR_METRIC_NAMES = {
  messages: 'orderbook_collector_messages_received_total',
  gaps: 'orderbook_collector_sequence_gaps_total',
  resyncs: 'orderbook_collector_resyncs_total',
  reconnects: 'orderbook_collector_reconnects_total',
  books: 'collector_orderbook_objects',
  levels: 'collector_orderbook_levels',
  failed: 'orderbook_collector_messages_failed_total',
  updatesApplied: 'orderbook_collector_updates_applied_total',
  checksumsVerified: 'orderbook_collector_checksums_verified_total',
  checksumFailures: 'orderbook_collector_checksum_failures_total',
} as const;

const CONNECTION_STATUS_METRIC = 'orderbook_collector_connection_status';
const EXCHANGE_LABEL = /[{,]\s*exchange="([^"\\]*)"/;

/** Reads the collector counters out of Prometheus text; undefined when the target exports none of them. */
export function collectorCounters(text: string): CollectorCounters | undefined {
  const { samples } = parsePrometheusText(text);
  const sums = sumByName(samples);
  // Without the messages counter this is not a collector we know; report nothing rather than zeros.
  if (!sums.has(COLLECTOR_METRIC_NAMES.messages)) return undefined;
  // Labelled counters never incremented are not printed at all: zero is their true value.
  const get = (key: keyof typeof COLLECTOR_METRIC_NAMES): number => sums.get(COLLECTOR_METRIC_NAMES[key]) ?? 0;
  const counters: CollectorCounters = {
    messages: get('messages'), gaps: get('gaps'), resyncs: get('resyncs'), reconnects: get('reconnects'),
    books: get('books'), levels: get('levels'), failed: get('failed'),
  };
  for (const key of ['updatesApplied', 'checksumsVerified', 'checksumFailures'] as const) {
    if (sums.has(COLLECTOR_METRIC_NAMES[key])) counters[key] = get(key);
  }
  const connectionStatus = statusByExchange(samples);
  if (connectionStatus) counters.connectionStatus = connectionStatus;
  return counters;
}

/** The feed socket state per `exchange` label, which the DataSourceDown alert reads; undefined when not exported. */
function statusByExchange(samples: readonly MetricSample[]): Record<string, number> | undefined {
  let status: Record<string, number> | undefined;
  for (const sample of samples) {
    if (sample.name !== CONNECTION_STATUS_METRIC) continue;
    const exchange = EXCHANGE_LABEL.exec(sample.labels)?.[1];
    if (exchange === undefined) continue;
    status ??= {};
    status[exchange] = sample.value;
  }
  return status;
}

/** GETs a URL's body as text, with a deadline and a size bound; no keep-alive (nothing lingers). */
export function fetchText(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_BODY_BYTES) req.destroy(new Error(`body over ${MAX_BODY_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Collector counters from /metrics. */
export class MetricsProbe implements Probe {
  readonly name = 'metrics';
  #url: string;
  #timeoutMs: number;
  #answeredOnce = false;
  /** The last scrape error, for progress lines and notes. */
  lastError: string | undefined;

  constructor(url: string, timeoutMs = 2000) {
    this.#url = url;
    this.#timeoutMs = timeoutMs;
  }

  async sample(): Promise<Partial<Sample>> {
    const started = performance.now();
    try {
      const { status, body } = await fetchText(this.#url, this.#timeoutMs);
      const latencyMs = performance.now() - started;
      if (status !== 200) throw new Error(`HTTP ${status}`);
      this.#answeredOnce = true;
      this.lastError = undefined;
      const collector = collectorCounters(body);
      return { metricsScrape: { ok: true, latencyMs }, ...(collector ? { collector } : {}) };
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      // Until it has answered once, the target may simply serve no /metrics (or not yet): not a finding.
      return this.#answeredOnce ? { metricsScrape: { ok: false, latencyMs: performance.now() - started } } : {};
    }
  }

  close(): void {
    // Each scrape opens and closes its own connection.
  }
}
