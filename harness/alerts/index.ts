// The monitoring pack's alert rules (typed, rendered to monitoring/rules/) and their evaluation over a run.
export { type AlertRule, type AlertRuleGroup, type AlertSeverity, buildAlertRules } from './alert-rules.ts';
export { type AlertThresholds, DEFAULT_ALERT_THRESHOLDS, formatPromDuration } from './alert-thresholds.ts';
export { type DeclaredAlert, readDeclaredAlerts, renderRulesYaml } from './rules-yaml.ts';
export { generateRulesMain, renderRulesFile, RULES_CLI, thresholdsFromOptions, validateAlertThresholds } from './rules-cli.ts';
export { type AlertOutcome, DEFAULT_RULES_FILE, evaluateAlerts, type EvaluateAlertsOptions } from './evaluate-alerts.ts';
export { liveGrowthGauges, type LiveGrowthGauges, type LiveGrowthOptions, liveMemoryGrowth } from './live-growth-gauges.ts';
export { exportedMetricFor, promqlMetricNames } from './promql-metric-names.ts';
export { type FiringAlerts, readFiringAlerts } from './promtool-output.ts';
export { expandingNotation, renderPromtoolTest } from './promtool-test-input.ts';
export { promtoolCommand, type PromtoolResult, runPromtool } from './run-promtool.ts';
export { DEFAULT_GC_BUCKETS_S, type GridSeries, samplesToSeries, type SeriesSet } from './sample-series.ts';
export { ALERTS_CLI, evaluateAlertsMain, evaluateRunAlerts, formatAlertOutcomes } from './alerts-cli.ts';
