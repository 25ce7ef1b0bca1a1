/**
 * junit.xml: one test case per check so CI systems (GitHub test reporters, GitLab, Jenkins) show a failed budget
 * natively. Failed checks are failures; skipped and inconclusive checks are skipped with the reason as message.
 */
import type { Check, ReportData } from '../analysis/report-data.ts';
import { escapeXml as x } from './escape-text.ts';
import { formatValue } from './format-figures.ts';

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${x(String(value))}"`)
    .join('');
}

function summary(check: Check): string {
  return `${check.id}: ${formatValue(check.value, check.unit)} (budget ${formatValue(check.budget, check.unit)}) — ${check.detail}`;
}

function testcase(report: ReportData, check: Check): string {
  const open = `    <testcase${attrs({ classname: `soakbook.${report.scenario}`, name: `${check.id} — ${check.title}`, time: 0 })}`;
  switch (check.status) {
    case 'pass':
      return `${open}>\n      <system-out>${x(summary(check))}</system-out>\n    </testcase>`;
    case 'fail':
      return `${open}>\n      <failure${attrs({ message: check.detail, type: check.id })}>${x(summary(check))}</failure>\n    </testcase>`;
    case 'inconclusive':
      return `${open}>\n      <skipped${attrs({ message: `inconclusive: ${check.detail}` })}/>\n    </testcase>`;
    case 'skipped':
      return `${open}>\n      <skipped${attrs({ message: `not applicable: ${check.detail}` })}/>\n    </testcase>`;
  }
}

/** Renders junit.xml from a run's ReportData (pure): one testsuite, one testcase per check. */
export function renderJunit(report: ReportData): string {
  const failures = report.checks.filter((check) => check.status === 'fail').length;
  const skipped = report.checks.filter((check) => check.status === 'skipped' || check.status === 'inconclusive').length;
  const suite = {
    name: `soak ${report.scenario}`,
    tests: report.checks.length,
    failures,
    errors: 0,
    skipped,
    time: (report.durationMs / 1000).toFixed(3),
  };
  const properties = [
    ['verdict', report.verdict],
    ['scenario', report.scenario],
    ['target', report.target],
    ['schemaVersion', String(report.schemaVersion)],
    ['cleanHours', String(report.cleanHours)],
  ]
    .map(([name, value]) => `      <property${attrs({ name: name ?? '', value: value ?? '' })}/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'soakbook', tests: suite.tests, failures, errors: 0, skipped, time: suite.time })}>`,
    `  <testsuite${attrs(suite)}>`,
    '    <properties>',
    properties,
    '    </properties>',
    ...report.checks.map((check) => testcase(report, check)),
    `    <system-out>${x(`verdict ${report.verdict}; ${report.notes.join(' ')}`)}</system-out>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
