// harness/gate: compares a run's growth rates, GC p95 and peak sockets with a baseline history.
export { compareMetric, compareWithBaseline, GATE_FLOORS, GATE_Z } from './compare-baseline.ts';
export type { GateResult, MetricComparison } from './compare-baseline.ts';
export { appendToBaseline, BASELINE_SCHEMA_VERSION, DEFAULT_BASELINE_KEEP, readBaseline, writeBaseline } from './baseline-file.ts';
export type { Baseline, BaselineEntry } from './baseline-file.ts';
export { gateMetrics, heapSeriesOf } from './gate-metrics.ts';
export type { GateMeasure, GateMetricName, GateMetrics } from './gate-metrics.ts';
export { formatGate } from './format-gate.ts';
export { runGate } from './run-gate.ts';
export type { GateRunOptions, GateRunOutcome } from './run-gate.ts';
