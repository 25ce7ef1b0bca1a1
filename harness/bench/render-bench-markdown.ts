/**
 * Renders benchmark results as Markdown: a summary of every target (met / not met) first, then per
 * benchmark the machine it ran on, ours against the reference with the ratio, the other figures and the
 * method notes. Pure: data in, text out (printed to stdout and written beside the JSON).
 */
import type { BenchFailure, BenchReport, BenchResult } from './bench-result.ts';
import { describeMachine } from './machine-info.ts';

/** A number for a table: 3 significant digits, k/M for rates and counts, ∞ and n/a spelled out. */
export function formatValue(value: number, unit: string): string {
  if (Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  const abs = Math.abs(value);
  const plain = (v: number): string => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : Number(v.toPrecision(3)).toString());
  if (/\/s$/.test(unit) || unit === 'nodes' || unit === 'requests' || unit === 'samples') {
    if (abs >= 1e6) return `${(value / 1e6).toPrecision(3)} M`;
    if (abs >= 1e4) return `${(value / 1e3).toPrecision(3)} k`;
  }
  return plain(value);
}

/** The ratio column: "4.2× better", "0.5× (worse)", "same". */
export function formatRatio(ratio: number): string {
  if (Number.isNaN(ratio)) return 'n/a';
  if (ratio === Infinity) return '∞ (reference > 0, ours 0)';
  const text = `${Number(ratio.toPrecision(3))}×`;
  return ratio >= 1 ? text : `${text} (worse)`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** The targets of every result as one table. */
export function renderTargetSummary(results: readonly BenchResult[], failures: readonly BenchFailure[]): string {
  const lines = [row(['benchmark', 'target', 'measured', 'met']), row(['---', '---', '---', '---'])];
  for (const result of results) {
    for (const t of result.targets) lines.push(row([result.name, t.text, `${formatValue(t.value, t.unit)} ${t.unit}`, t.met ? '**met**' : '**not met**']));
  }
  for (const failure of failures) lines.push(row([failure.name, 'benchmark could not run', failure.error, '**not met**']));
  return lines.join('\n');
}

/** One benchmark's section. */
export function renderResult(result: BenchResult): string {
  const lines = [`### ${result.name}: ${result.title}`, '', `Machine: ${describeMachine(result.machine)} · ${(result.durationMs / 1000).toFixed(0)} s · repeats ${result.repeats}`, ''];
  if (result.comparisons.length > 0) {
    lines.push(row(['metric', 'ours', 'reference', 'value', 'ours is']), row(['---', '---', '---', '---', '---']));
    for (const c of result.comparisons) {
      lines.push(row([`${c.metric} (${c.unit})`, formatValue(c.ours, c.unit), c.referenceLabel, formatValue(c.reference, c.unit), formatRatio(c.ratio)]));
    }
    lines.push('');
  }
  if (result.figures.length > 0) {
    lines.push(row(['figure', 'value']), row(['---', '---']));
    for (const f of result.figures) lines.push(row([f.label, `${formatValue(f.value, f.unit)} ${f.unit}`]));
    lines.push('');
  }
  lines.push(row(['target', 'measured', 'met']), row(['---', '---', '---']));
  for (const t of result.targets) lines.push(row([t.text, `${formatValue(t.value, t.unit)} ${t.unit}`, t.met ? 'met' : 'NOT MET']));
  lines.push('');
  for (const note of result.notes) lines.push(`- ${note}`);
  return lines.join('\n');
}

/** The whole report as Markdown. */
export function renderBenchMarkdown(report: BenchReport): string {
  const parts = [
    `## soakbook benchmarks, ${report.startedAt}`,
    '',
    `Command: \`${report.command}\` · ${describeMachine(report.machine)}`,
    '',
    'Ratios compare ours with a reference measured in the same run (absolute figures drift on a shared machine; ratios hold better).',
    '',
    renderTargetSummary(report.results, report.failures),
  ];
  for (const result of report.results) parts.push('', renderResult(result));
  for (const failure of report.failures) parts.push('', `### ${failure.name}: ${failure.title}`, '', `Could not run: ${failure.error}`);
  return `${parts.join('\n')}\n`;
}
