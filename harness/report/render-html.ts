/**
 * report.html: one self-contained page (uPlot, styles, script and data inlined; a Content-Security-Policy that
 * forbids any network fetch) with the verdict, the checks, interactive charts with fault events on the time axis,
 * a GC pause histogram, integrity, correlations and the heap diff. Every outside string is escaped.
 */
import type { Check, ReportData } from '../analysis/report-data.ts';
import { escapeHtml as h, scriptJson } from './escape-text.ts';
import { formatBytes, formatDurationMs, formatNumber, formatPerEvent, formatSigned, formatValue, statusWord } from './format-figures.ts';
import { type HtmlAssets, inlineSafe, loadHtmlAssets } from './html-assets.ts';
import { buildHtmlChartData } from './html-chart-data.ts';
import { REPORT_CSS } from './html-style.ts';
import { verdictReason } from './render-markdown.ts';
import { isByteSeries, isLifecycleEvent, seriesLabel } from './report-labels.ts';

// Nothing may be fetched at view time: only inline script and style, and data: images uPlot never needs anyway.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

type Cell = { html: string; className?: string };

function cell(text: string, className?: string): Cell {
  return className === undefined ? { html: h(text) } : { html: h(text), className };
}

function table(header: Array<string | Cell>, rows: Cell[][], className = ''): string {
  const th = header.map((c) => (typeof c === 'string' ? `<th>${h(c)}</th>` : `<th class="${c.className ?? ''}">${c.html}</th>`)).join('');
  const body = rows.map((row) => `<tr>${row.map((c) => `<td${c.className ? ` class="${c.className}"` : ''}>${c.html}</td>`).join('')}</tr>`).join('\n');
  return `<table class="data${className ? ` ${className}` : ''}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function fact(label: string, value: string): string {
  return `<div class="fact"><div class="label">${h(label)}</div><div class="value">${h(value)}</div></div>`;
}

function checksTable(checks: readonly Check[]): string {
  const rows = checks
    .map(
      (c) =>
        `<tr class="${c.status}" data-check="${h(c.id)}"><td><span class="pill ${c.status}">${h(statusWord(c.status))}</span></td>` +
        `<td><strong>${h(c.title)}</strong><br><code class="muted">${h(c.id)}</code></td>` +
        `<td class="num">${h(formatValue(c.value, c.unit))}</td><td class="num">${h(formatValue(c.budget, c.unit))}</td>` +
        `<td class="detail">${h(c.detail)}</td></tr>`,
    )
    .join('\n');
  return `<table class="data" id="checks"><thead><tr><th>Status</th><th>Check</th><th class="num">Value</th><th class="num">Budget</th><th>Detail</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function header(report: ReportData): string {
  const faults = report.events.filter((e) => !isLifecycleEvent(e.kind, e.exchange)).length;
  const heap = report.growth.heapAfterGc;
  const facts = [
    fact('Duration', formatDurationMs(report.durationMs)),
    fact('Clean hours', formatNumber(report.cleanHours)),
    heap ? fact('Heap growth', `${formatSigned(heap.perMin)} ${heap.unit}`) : '',
    report.gcPauseMs ? fact('GC pause p95', `${formatNumber(report.gcPauseMs.p95)} ms`) : '',
    report.eventLoopMs ? fact('Event loop p99', `${formatNumber(report.eventLoopMs.p99)} ms`) : '',
    fact('Faults injected', formatNumber(faults)),
  ].join('');
  const exit = report.targetExit
    ? `<div class="alert"><strong>The target exited during the run</strong> (code ${h(String(report.targetExit.code ?? '—'))}, signal ${h(report.targetExit.signal ?? '—')}).` +
      (report.targetExit.lastStderr.length > 0 ? `<pre class="mono">${h(report.targetExit.lastStderr.slice(-20).join('\n'))}</pre>` : '') +
      '</div>'
    : '';
  return (
    `<header class="banner ${report.verdict}"><span class="verdict ${report.verdict}" id="verdict">${h(statusWord(report.verdict))}</span>` +
    `<div><h1>Soak report: ${h(report.scenario)}</h1><p>${h(verdictReason(report))}</p><p class="muted target">Target: <code>${h(report.target)}</code></p></div></header>` +
    `<section class="facts">${facts}</section>${exit}`
  );
}

function chartsSection(): string {
  const card = (id: string, title: string, note = ''): string =>
    `<div class="card"><h3>${h(title)}${note ? ` <span class="note">— ${h(note)}</span>` : ''}</h3><div class="chart" id="chart-${id}"><p class="empty">Charts need JavaScript.</p></div></div>`;
  return (
    '<h2>Over time</h2><p class="muted">Dashed lines mark injected faults (coloured) and lifecycle steps (grey); click a kind to hide it. Drag to zoom, double-click to reset.</p>' +
    '<div id="event-legend"></div><div class="grid">' +
    card('memory', 'Heap', 'the dark line, heap after major GC, is the leak signal') +
    card('rss', 'Resident set size') +
    card('fds', 'Open file descriptors') +
    card('sockets', 'TCP sockets') +
    card('messages', 'Messages per second') +
    card('gc-histogram', 'GC pause histogram') +
    '</div>'
  );
}

function growthSection(report: ReportData): string {
  const entries = Object.entries(report.growth);
  if (entries.length === 0) return '';
  const rows = entries.map(([key, g]) => [
    cell(seriesLabel(key)),
    cell(`${formatSigned(g.perMin)} ${g.unit}`, 'num'),
    cell(`${formatSigned(g.low)} … ${formatSigned(g.high)}`, 'num'),
    cell(`${formatSigned(g.perMin * 60)} ${g.unit.replace(/\/min$/, '/h')}`, 'num'),
    cell(formatNumber(g.points), 'num'),
    cell(g.leak ?? '—'),
  ]);
  return `<h2>Growth</h2>${table(['Series', cell('Slope', 'num'), cell('Interval (per min)', 'num'), cell('Per hour', 'num'), cell('Points', 'num'), 'Leak'], rows)}`;
}

function gcCard(report: ReportData): string {
  const gc = report.gcPauseMs;
  const loop = report.eventLoopMs;
  const ms = (v: number): Cell => cell(`${formatNumber(v)} ms`, 'num');
  const kinds = gc ? Object.entries(gc.byKind) : [];
  const gcTable = gc
    ? table([cell('p50', 'num'), cell('p95', 'num'), cell('p99', 'num'), cell('max', 'num')], [[ms(gc.p50), ms(gc.p95), ms(gc.p99), ms(gc.max)]]) +
      (kinds.length > 0
        ? `<p></p>${table(['By kind', cell('Count', 'num'), cell('p95', 'num'), cell('max', 'num')], kinds.map(([kind, k]) => [cell(kind), cell(formatNumber(k.count), 'num'), ms(k.p95), ms(k.max)]))}`
        : '')
    : '<p class="muted">GC pauses were not observable for this target (no agent).</p>';
  const loopText = loop ? `Event-loop delay: p99 <strong>${h(formatNumber(loop.p99))} ms</strong>, max <strong>${h(formatNumber(loop.max))} ms</strong>.` : 'Event-loop delay was not observable for this target.';
  return `<div class="card"><h3>GC pauses and event loop</h3>${gcTable}<p>${loopText}</p></div>`;
}

function integrityCard(report: ReportData): string {
  const i = report.integrity;
  const n = (v: number | null): Cell => cell(v === null ? '—' : formatNumber(v), 'num');
  const rows = [
    [cell('Updates applied'), n(i.updatesApplied)],
    [cell('Checksums verified'), n(i.checksumsVerified)],
    [cell('Checksum failures'), n(i.checksumFailures)],
    [cell('Gaps injected'), n(i.gapsInjected)],
    [cell('Gaps detected'), n(i.gapsDetected)],
    [cell('Resyncs'), n(i.resyncs)],
  ];
  return `<div class="card" id="integrity"><h3>Data integrity</h3>${table(['Figure', cell('Count', 'num')], rows)}</div>`;
}

function correlationsSection(report: ReportData): string {
  const body =
    report.correlations.length === 0
      ? '<p class="muted">No resource moved with any injected fault.</p>'
      : table(
          ['Resource', 'Event', cell('Events', 'num'), cell('Left behind per event', 'num'), cell('R²', 'num'), 'In words'],
          report.correlations.map((c) => [
            cell(seriesLabel(c.resource)),
            cell(c.event),
            cell(c.events === undefined ? '—' : formatNumber(c.events), 'num'),
            cell(formatPerEvent(c.perEvent, isByteSeries(c.resource)), 'num'),
            cell(formatNumber(c.r2), 'num'),
            cell(c.text ?? ''),
          ]),
        );
  return `<h2>Event correlations</h2>${body}`;
}

function heapDiffSection(report: ReportData): string {
  const diff = report.heapDiff;
  if (!diff) return '';
  const growers =
    diff.growers.length === 0
      ? '<p class="muted">No constructor grew between snapshots.</p>'
      : table(
          ['Constructor', cell('Count Δ', 'num'), cell('Self size Δ', 'num'), cell('Retained Δ', 'num')],
          diff.growers.map((g) => [cell(g.constructor, 'mono'), cell(formatSigned(g.countDelta), 'num'), cell(formatBytes(g.selfSizeDeltaBytes), 'num'), cell(formatBytes(g.retainedSizeDeltaBytes), 'num')]),
        );
  const path = (steps: readonly string[]): Cell => ({ html: steps.map((s) => h(s)).join('<span class="arrow">→</span>'), className: 'path' });
  const candidates =
    diff.leakCandidates.length === 0
      ? '<p class="muted">No leak candidates: nothing allocated in the second window survived into the third.</p>'
      : table(
          ['Constructor', cell('Count', 'num'), cell('Retained', 'num'), 'Retainer path'],
          diff.leakCandidates.map((c) => [cell(c.constructor, 'mono'), cell(formatNumber(c.count), 'num'), cell(formatBytes(c.retainedBytes), 'num'), path(c.retainerPath)]),
        );
  return `<h2>Heap diff</h2><div class="two" id="heap-diff"><div class="card"><h3>Growers</h3>${growers}</div><div class="card"><h3>Leak candidates</h3>${candidates}</div></div>`;
}

function alertsSection(report: ReportData): string {
  const alerts = report.alerts;
  if (!alerts) return '';
  const rows = alerts.map((a) => [
    cell(a.alert, 'mono'),
    cell(a.severity),
    { html: `<span class="pill ${a.status === 'fired' ? 'fail' : a.status === 'silent' ? 'pass' : 'skipped'}">${h(a.status)}</span>` },
    cell(a.firstFiredAtMs === null ? '—' : formatDurationMs(a.firstFiredAtMs), 'num'),
    cell(a.detail),
  ]);
  return `<h2>Alerts (monitoring pack)</h2><div id="alerts">${table(['Alert', 'Severity', 'Outcome', cell('First fired', 'num'), 'Detail'], rows)}</div>`;
}

/** Renders report.html from a run's ReportData (pure: assets are passed in, loaded from node_modules by default). */
export function renderHtml(report: ReportData, assets: HtmlAssets = loadHtmlAssets()): string {
  const notes = report.notes.length > 0 ? `<h2>Notes</h2><ul class="notes">${report.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${h(CSP)}">
<title>${h(`Soak ${statusWord(report.verdict)}: ${report.scenario} — soakbook`)}</title>
<style>${inlineSafe(assets.uplotCss, 'style')}</style>
<style>${inlineSafe(REPORT_CSS, 'style')}</style>
</head>
<body>
<main>
${header(report)}
<h2>Checks</h2>
${checksTable(report.checks)}
${chartsSection()}
${growthSection(report)}
<h2>Resources</h2><div class="two">${gcCard(report)}${integrityCard(report)}</div>
${correlationsSection(report)}
${heapDiffSection(report)}
${alertsSection(report)}
${notes}
<footer>soakbook report · schema v${h(String(report.schemaVersion))} · self-contained: charts by uPlot, inlined; nothing is fetched.</footer>
</main>
<script type="application/json" id="soak-data">${scriptJson(buildHtmlChartData(report))}</script>
<script>${inlineSafe(assets.uplotJs, 'script')}</script>
<script>${inlineSafe(assets.clientJs, 'script')}</script>
</body>
</html>
`;
}
