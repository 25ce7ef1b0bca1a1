export { SoakMetrics } from './soak-metrics.ts';
export type { LiveEstimates } from './soak-metrics.ts';
export { SoakMetricsServer } from './soak-metrics-server.ts';
