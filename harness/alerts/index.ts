// The monitoring pack's alert rules (typed, rendered to monitoring/rules/) and their evaluation over a run.
export { type AlertRule, type AlertRuleGroup, type AlertSeverity, buildAlertRules } from './alert-rules.ts';
export { type AlertThresholds, DEFAULT_ALERT_THRESHOLDS, formatPromDuration } from './alert-thresholds.ts';
export { type DeclaredAlert, readDeclaredAlerts, renderRulesYaml } from './rules-yaml.ts';
export { generateRulesMain, renderRulesFile, RULES_CLI, thresholdsFromOptions, validateAlertThresholds } from './rules-cli.ts';
