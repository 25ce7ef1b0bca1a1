/** The collector's health rules (healthy / degraded / unhealthy, with a start-up grace period). */
export { evaluateHealth } from './evaluate-health.ts';
export type { FeedHealth, FeedHealthInput, HealthInput, HealthReport, HealthStatus } from './evaluate-health.ts';
