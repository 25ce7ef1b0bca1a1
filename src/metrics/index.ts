/** Prometheus metrics of the collector: the registry, the feed observer that fills it, and /proc counters. */
export { COLLECTOR_METRIC_NAMES, CollectorMetrics, METRICS_MAX_AGE_MS, TCP_COUNT_TTL_MS } from './collector-metrics.ts';
export type { CollectorMetricsOptions, FeedTotals, FeedTotalsSource } from './collector-metrics.ts';
export { MetricsObserver } from './metrics-observer.ts';
export type { ExchangeActivity, ObserverTotals } from './metrics-observer.ts';
export { countFileDescriptors, countOwnedConnections, countTcpConnections } from './proc-resources.ts';
export { CachedReading } from './cached-reading.ts';
export type { ReadingSource } from './cached-reading.ts';
export { LabelCache, LabelCache2, LabelCache3, OVERFLOW_LABEL } from './label-cache.ts';
