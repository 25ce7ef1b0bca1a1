/**
 * The run's verdict from its checks: any failed check fails the run; otherwise any inconclusive check makes it
 * inconclusive; skipped checks (a check that cannot apply to this target) never decide it.
 */
import type { Check, ReportData } from './report-data.ts';

/** fail > inconclusive > pass, skipped ignored; a run whose every check was skipped is inconclusive. */
export function verdictOf(checks: readonly Check[]): ReportData['verdict'] {
  const decided = checks.filter((check) => check.status !== 'skipped');
  if (decided.some((check) => check.status === 'fail')) return 'fail';
  if (decided.length === 0 || decided.some((check) => check.status === 'inconclusive')) return 'inconclusive';
  return 'pass';
}
