/**
 * report.md: the verdict first, then the checks and figures a reviewer needs, then Mermaid charts. Written so it
 * renders in GitHub's job summary and pull-request comments; every outside string goes through escapeMarkdown.
 */
import type { Check, ReportData } from '../analysis/report-data.ts';
import { escapeMarkdown as md } from './escape-text.ts';
import { formatBytes, formatDurationMs, formatNumber, formatPerEvent, formatSigned, formatValue, statusIcon, statusWord } from './format-figures.ts';
import { renderMermaidXyChart } from './mermaid-xychart.ts';
import { countEventsByKind, isByteSeries, seriesLabel } from './report-labels.ts';

const MIB = 1024 * 1024;

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function figure(value: number | null): string {
  return value === null ? '—' : formatNumber(value);
}

/** Why the verdict is what it is: the checks that decided it, the scenario and the duration. */
export function verdictReason(report: ReportData): string {
  const deciding = report.checks.filter((check) => check.status === report.verdict);
  const counted = report.checks.filter((check) => check.status !== 'skipped').length;
  const ids = deciding.map((check) => check.id).join(', ');
  const why =
    report.verdict === 'pass'
      ? `all ${counted} applicable checks within budget`
      : `${deciding.length} of ${counted} applicable checks ${report.verdict === 'fail' ? 'failed' : 'undecided'}${ids ? `: ${ids}` : ''}`;
  return `${why} (scenario ${report.scenario}, ${formatDurationMs(report.durationMs)})`;
}

/** The one-line verdict with the checks that decided it, used by report.md and the report CLI. */
export function verdictLine(report: ReportData): string {
  return `${statusWord(report.verdict)} — ${verdictReason(report)}`;
}

function checkRow(check: Check): string[] {
  return [
    statusIcon(check.status),
    `${md(check.title)} (${md(check.id)})`,
    statusWord(check.status),
    md(formatValue(check.value, check.unit)),
    md(formatValue(check.budget, check.unit)),
    md(check.detail),
  ];
}

function growthSection(report: ReportData): string[] {
  const entries = Object.entries(report.growth);
  if (entries.length === 0) return [];
  const rows = entries.map(([key, growth]) => [
    md(seriesLabel(key)),
    md(`${formatSigned(growth.perMin)} ${growth.unit}`),
    md(`[${formatSigned(growth.low)}, ${formatSigned(growth.high)}]`),
    md(`${formatSigned(growth.perMin * 60)} ${growth.unit.replace(/\/min$/, '/h')}`),
    String(growth.points),
    growth.leak ?? '—',
  ]);
  return ['## Growth', '', table(['Series', 'Slope', 'Interval (per min)', 'Per hour', 'Points', 'Leak'], rows), ''];
}

function gcSection(report: ReportData): string[] {
  const lines: string[] = ['## GC and event loop', ''];
  const gc = report.gcPauseMs;
  if (gc === null) lines.push('GC pauses were not observable for this target (no agent).', '');
  else {
    lines.push(table(['GC pause', 'p50', 'p95', 'p99', 'max'], [['all kinds', ...[gc.p50, gc.p95, gc.p99, gc.max].map((v) => `${formatNumber(v)} ms`)]]), '');
    const kinds = Object.entries(gc.byKind);
    if (kinds.length > 0) {
      lines.push(table(['GC kind', 'Count', 'p95', 'max'], kinds.map(([kind, k]) => [md(kind), formatNumber(k.count), `${formatNumber(k.p95)} ms`, `${formatNumber(k.max)} ms`])), '');
    }
  }
  const loop = report.eventLoopMs;
  lines.push(loop === null ? 'Event-loop delay was not observable for this target.' : `Event-loop delay: p99 ${formatNumber(loop.p99)} ms, max ${formatNumber(loop.max)} ms.`, '');
  return lines;
}

function integritySection(report: ReportData): string[] {
  const i = report.integrity;
  const rows = [
    ['Updates applied', figure(i.updatesApplied)],
    ['Checksums verified', figure(i.checksumsVerified)],
    ['Checksum failures', figure(i.checksumFailures)],
    ['Gaps injected', figure(i.gapsInjected)],
    ['Gaps detected', figure(i.gapsDetected)],
    ['Resyncs', figure(i.resyncs)],
  ];
  return ['## Data integrity', '', table(['Figure', 'Count'], rows), ''];
}

function correlationSection(report: ReportData): string[] {
  const lines = ['## Event correlations', ''];
  const events = countEventsByKind(report.events);
  if (events.length > 0) lines.push(`Events: ${events.map((e) => `${md(e.kind)} ×${formatNumber(e.count)}`).join(', ')}.`, '');
  if (report.correlations.length === 0) {
    lines.push('No resource moved with any injected fault.', '');
    return lines;
  }
  const sentences = report.correlations.filter((c) => c.text).map((c) => `- ${md(c.text ?? '')}`);
  if (sentences.length > 0) lines.push(...sentences, '');
  const rows = report.correlations.map((c) => [md(seriesLabel(c.resource)), md(c.event), c.events === undefined ? '—' : formatNumber(c.events), md(formatPerEvent(c.perEvent, isByteSeries(c.resource))), formatNumber(c.r2)]);
  lines.push(table(['Resource', 'Event', 'Events', 'Left behind per event', 'R²'], rows), '');
  return lines;
}

function heapDiffSection(report: ReportData): string[] {
  const diff = report.heapDiff;
  if (!diff) return [];
  const lines = ['## Heap diff', ''];
  if (diff.growers.length > 0) {
    const rows = diff.growers.map((g) => [md(g.constructor), md(formatSigned(g.countDelta)), md(formatBytes(g.selfSizeDeltaBytes)), md(formatBytes(g.retainedSizeDeltaBytes))]);
    lines.push(table(['Constructor', 'Count Δ', 'Self size Δ', 'Retained Δ'], rows), '');
  }
  if (diff.leakCandidates.length > 0) {
    const rows = diff.leakCandidates.map((c) => [md(c.constructor), formatNumber(c.count), md(formatBytes(c.retainedBytes)), md(c.retainerPath.join(' → '))]);
    lines.push('Leak candidates (allocated in the second window, still alive in the third):', '', table(['Constructor', 'Count', 'Retained', 'Retainer path'], rows), '');
  }
  if (diff.growers.length === 0 && diff.leakCandidates.length === 0) lines.push('No constructor grew between snapshots and no leak candidate was found.', '');
  return lines;
}

function alertsSection(report: ReportData): string[] {
  const alerts = report.alerts;
  if (!alerts) return [];
  const fired = alerts.filter((a) => a.status === 'fired');
  const lines = ['## Alerts (monitoring pack)', ''];
  lines.push(fired.length === 0 ? 'No alert of monitoring/rules would have fired during this run.' : `${fired.length} alert(s) would have fired: ${fired.map((a) => md(a.alert)).join(', ')}.`, '');
  const rows = alerts.map((a) => [md(a.alert), md(a.severity), md(a.status), a.firstFiredAtMs === null ? '—' : md(formatDurationMs(a.firstFiredAtMs)), md(a.detail)]);
  lines.push(table(['Alert', 'Severity', 'Outcome', 'First fired', 'Detail'], rows), '');
  return lines;
}

function chartsSection(report: ReportData): string[] {
  const s = report.series;
  const charts = [
    renderMermaidXyChart({ title: 'Heap used after major GC (MiB)', yLabel: 'MiB', t: s.heapAfterGc.t, values: s.heapAfterGc.bytes, divisor: MIB }),
    renderMermaidXyChart({ title: 'RSS (MiB)', yLabel: 'MiB', t: s.t, values: s.rssBytes, divisor: MIB }),
    renderMermaidXyChart({ title: 'Open file descriptors', yLabel: 'FDs', t: s.t, values: s.fds }),
    renderMermaidXyChart({ title: 'TCP sockets', yLabel: 'sockets', t: s.t, values: s.sockets }),
  ].filter((chart): chart is string => chart !== null);
  if (charts.length === 0) return [];
  return ['## Charts', '', ...charts.flatMap((chart) => [chart, ''])];
}

/** Renders report.md from a run's ReportData (pure). */
export function renderMarkdown(report: ReportData): string {
  const counted = report.checks.filter((check) => check.status !== 'skipped');
  const lines: string[] = [
    `# ${statusIcon(report.verdict)} Soak ${statusWord(report.verdict)}: ${md(report.scenario)}`,
    '',
    `**Verdict: ${md(verdictLine(report))}**`,
    '',
    `Target: ${md(report.target)} · Duration: ${formatDurationMs(report.durationMs)} · Clean hours: ${formatNumber(report.cleanHours)} · Checks: ${counted.length} applied, ${report.checks.length - counted.length} skipped`,
    '',
  ];
  if (report.targetExit) {
    const exit = report.targetExit;
    lines.push(`> **The target exited during the run** (code ${exit.code ?? '—'}, signal ${md(exit.signal ?? '—')}).`);
    for (const line of exit.lastStderr.slice(-10)) lines.push(`> ${md(line)}  `);
    lines.push('');
  }
  lines.push('## Checks', '', table(['', 'Check', 'Status', 'Value', 'Budget', 'Detail'], report.checks.map(checkRow)), '');
  lines.push(...growthSection(report), ...gcSection(report), ...integritySection(report), ...correlationSection(report), ...heapDiffSection(report), ...alertsSection(report));
  if (report.notes.length > 0) lines.push('## Notes', '', ...report.notes.map((note) => `- ${md(note)}`), '');
  lines.push(...chartsSection(report));
  lines.push(`<sub>soakbook report schema v${report.schemaVersion} · report.html has interactive charts with fault events marked</sub>`, '');
  return lines.join('\n');
}
