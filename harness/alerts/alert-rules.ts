/**
 * The monitoring pack's alert rules as typed data, built from thresholds: the runbooks written after the
 * incident (a collector that grew to 2.9 GB and 97 sockets while monitoring watched only availability),
 * adapted to the metric names in ../shared/DESIGN.md. renderRulesYaml turns them into a Prometheus rules file.
 */
import { BYTES_PER_MB } from '../analysis/budgets.ts';
import { type AlertThresholds, formatPromDuration } from './alert-thresholds.ts';

/** Severity label of a rule; the Alertmanager example routes on it. */
export type AlertSeverity = 'critical' | 'warning';

/** One alerting rule. */
export interface AlertRule {
  alert: string;
  expr: string;
  forMs: number;
  severity: AlertSeverity;
  summary: string;
  description: string;
}

/** A Prometheus rule group. */
export interface AlertRuleGroup {
  name: string;
  intervalMs: number;
  rules: AlertRule[];
}

const BYTES_PER_GB = 1024 * BYTES_PER_MB;

/** Builds every rule of the pack from the thresholds, grouped as the rules file lists them. */
export function buildAlertRules(t: AlertThresholds): AlertRuleGroup[] {
  const job = `job=${JSON.stringify(t.job)}`;
  const d = formatPromDuration;
  const sec = (ms: number): string => String(ms / 1000);
  return [
    {
      name: 'orderbook-collector-availability',
      intervalMs: t.evaluationIntervalMs,
      rules: [
        {
          alert: 'CollectorTargetDown',
          expr: `up{${job}} == 0`,
          forMs: t.targetDownForMs,
          severity: 'critical',
          summary: 'Collector {{ $labels.instance }} does not answer scrapes',
          description:
            'Prometheus cannot scrape /metrics. In the incident a leaking collector stopped answering /metrics, so monitoring saw "no data" instead of the leak: check memory, FDs and connections before restarting.',
        },
        {
          alert: 'CollectorNoDataIngestion',
          // Either the counter stood still over the window, or it was never created (no message since start);
          // both only once the process has lived a whole window, so a fresh start is not "no data".
          expr: [
            '(',
            `  sum by (job, instance) (increase(orderbook_collector_messages_received_total{${job}}[${d(t.noDataWindowMs)}])) == 0`,
            '  or on (job, instance)',
            `  (up{${job}} == 1 unless on (job, instance) count by (job, instance) (orderbook_collector_messages_received_total{${job}}))`,
            ')',
            `and on (job, instance) (time() - process_start_time_seconds{${job}}) > ${sec(t.noDataWindowMs)}`,
          ].join('\n'),
          forMs: t.noDataForMs,
          severity: 'critical',
          summary: `Collector {{ $labels.instance }} received no message for ${d(t.noDataWindowMs)}`,
          description: 'No frame arrived from any exchange although the process is up: subscriptions lost, feeds stalled, or books stale.',
        },
        {
          alert: 'CollectorDataIngestionLow',
          expr: `(sum by (job, instance) (rate(orderbook_collector_messages_received_total{${job}}[${d(t.ingestionLowWindowMs)}])) < ${t.ingestionLowPerSec}) > 0`,
          forMs: t.ingestionLowForMs,
          severity: 'warning',
          summary: 'Collector {{ $labels.instance }} receives only {{ $value | printf "%.2f" }} messages/s',
          description: `Fewer than ${t.ingestionLowPerSec} messages/s (but not none) over ${d(t.ingestionLowWindowMs)}: some feeds are likely down or resubscribing.`,
        },
        {
          alert: 'DataSourceDown',
          expr: `orderbook_collector_connection_status{${job}} == 0`,
          forMs: t.dataSourceDownForMs,
          severity: 'critical',
          summary: 'Feed {{ $labels.exchange }} of collector {{ $labels.instance }} is disconnected',
          description: `The exchange socket has not been open for ${d(t.dataSourceDownForMs)}; its books are stale until it reconnects and resyncs.`,
        },
        {
          alert: 'HighErrorRate',
          expr: `sum by (job, instance) (increase(orderbook_collector_messages_failed_total{${job}}[${d(t.failedWindowMs)}])) > ${t.failedMessages}`,
          forMs: 0,
          severity: 'warning',
          summary: 'Collector {{ $labels.instance }} dropped {{ $value | humanize }} messages in ' + d(t.failedWindowMs),
          description: `More than ${t.failedMessages} frames failed (malformed, unknown, oversize, checksum, stale) within ${d(t.failedWindowMs)}; see orderbook_collector_messages_failed_total by reason.`,
        },
      ],
    },
    {
      name: 'orderbook-collector-resources',
      intervalMs: t.evaluationIntervalMs,
      rules: [
        {
          alert: 'CollectorHighMemory',
          expr: `process_resident_memory_bytes{${job}} > ${t.highMemoryGb * BYTES_PER_GB}`,
          forMs: t.highMemoryForMs,
          severity: 'critical',
          summary: 'Collector {{ $labels.instance }} uses {{ $value | humanize1024 }}B of resident memory',
          description: `Resident memory above ${t.highMemoryGb} GB (the incident's collector reached 2.9 GB before it stopped answering). Take a heap snapshot on a replica, not on this process.`,
        },
        {
          alert: 'MemoryLeak',
          expr: [
            `delta(process_resident_memory_bytes{${job}}[${d(t.memoryLeakWindowMs)}]) > ${t.memoryLeakMb * BYTES_PER_MB}`,
            // The whole window must lie after warm-up: every process grows while it starts and fills its books.
            `and on (job, instance) (time() - process_start_time_seconds{${job}}) > ${sec(t.warmupMs + t.memoryLeakWindowMs)}`,
          ].join('\n'),
          forMs: t.memoryLeakForMs,
          severity: 'warning',
          summary: 'Collector {{ $labels.instance }} RSS grew {{ $value | humanize1024 }}B in ' + d(t.memoryLeakWindowMs),
          description: `Resident memory grew more than ${t.memoryLeakMb} MB within ${d(t.memoryLeakWindowMs)} (a window that starts ${d(t.warmupMs)} or more after process start). Soak the same build with soakbook to find what grows.`,
        },
        {
          alert: 'FileDescriptorLeak',
          expr: `process_open_fds{${job}} > ${t.openFds}`,
          forMs: t.openFdsForMs,
          severity: 'warning',
          summary: 'Collector {{ $labels.instance }} holds {{ $value }} open file descriptors',
          description: `More than ${t.openFds} open FDs for ${d(t.openFdsForMs)}: sockets or files are opened and never closed (compare collector_tcp_connections).`,
        },
        {
          alert: 'CollectorHighConnections',
          expr: `collector_tcp_connections{${job}} > ${t.tcpConnections}`,
          forMs: t.tcpConnectionsForMs,
          severity: 'warning',
          summary: 'Collector {{ $labels.instance }} holds {{ $value }} TCP connections',
          description: `More than ${t.tcpConnections} TCP connections (the incident held 97 where 10-15 were expected: each reconnect kept the old socket).`,
        },
        {
          alert: 'GCPerformanceDegraded',
          // A starting process makes few, long GCs (heap growing, books filling): judge windows after warm-up.
          expr: [
            `histogram_quantile(0.95, sum by (job, instance, le) (rate(nodejs_gc_duration_seconds_bucket{${job}}[${d(t.gcWindowMs)}]))) > ${t.gcP95Ms / 1000}`,
            `and on (job, instance) (time() - process_start_time_seconds{${job}}) > ${sec(t.warmupMs + t.gcWindowMs)}`,
          ].join('\n'),
          forMs: t.gcForMs,
          severity: 'warning',
          summary: 'Collector {{ $labels.instance }} GC pause p95 is {{ $value | humanizeDuration }}',
          description: `GC pause p95 over ${d(t.gcWindowMs)} (a window that starts ${d(t.warmupMs)} or more after process start) above ${t.gcP95Ms} ms: the heap is large or churning; book updates wait behind the collector.`,
        },
      ],
    },
    {
      name: 'soakbook-soak',
      intervalMs: t.evaluationIntervalMs,
      rules: [
        {
          alert: 'SoakMemoryGrowthHigh',
          expr: `memory_growth_rate_mb_per_minute > ${t.memoryGrowthMbPerMin}`,
          forMs: t.growthForMs,
          severity: 'warning',
          summary: 'Soaked target memory grows {{ $value | printf "%.2f" }} MB/min',
          description: `soakbook measures memory growth above ${t.memoryGrowthMbPerMin} MB/min after warm-up: a leak.`,
        },
        {
          alert: 'SoakFdGrowthHigh',
          expr: `fd_growth_rate_per_minute > ${t.fdGrowthPerMin}`,
          forMs: t.growthForMs,
          severity: 'warning',
          summary: 'Soaked target opens {{ $value | printf "%.2f" }} more file descriptors per minute',
          description: `soakbook measures FD growth above ${t.fdGrowthPerMin}/min: descriptors leak.`,
        },
      ],
    },
  ];
}
