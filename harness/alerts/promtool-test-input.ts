/**
 * Writes a run's series as a `promtool test rules` input whose expectations are deliberately left empty: at
 * each probe time it expects no firing alert, so promtool prints the alerts that did fire, which
 * readFiringAlerts parses. The real rules file is evaluated by the real Prometheus rule engine; soakbook only
 * supplies the series and reads the answer. A sentinel expectation always fails, proving the output was parsed.
 */
import { formatPromDuration } from './alert-thresholds.ts';
import type { GridSeries, SeriesSet } from './sample-series.ts';

/** The label the sentinel probe carries; its absence from promtool's output means promtool did not run the test. */
export const SENTINEL_LABEL = 'soakbook_sentinel';
/** The label that carries each probe's eval time (ms of series time), so parsing never reads promtool's time format. */
export const EVAL_MS_LABEL = 'soakbook_eval_ms';

/** What to write. */
export interface PromtoolTestSpec {
  /** Absolute path of the rules file under test. */
  rulesFile: string;
  seriesSet: SeriesSet;
  /** Series-time ms between rule evaluations (promtool's evaluation_interval). */
  evaluationIntervalMs: number;
  /** Series-time ms at which firing alerts are asked for, ascending. */
  probeTimesMs: readonly number[];
}

/** Renders the test file text. */
export function renderPromtoolTest(spec: PromtoolTestSpec): string {
  const { seriesSet } = spec;
  const seriesIntervalMs = Math.round(seriesSet.gridIntervalMs * seriesSet.timeScale);
  const lines = [
    '# Written by soakbook (harness/alerts): a run\'s samples as promtool input series. Expectations are empty on',
    '# purpose: promtool lists the alerts that fired. Reproduce with `promtool test rules <this file>`.',
    `# grid ${seriesSet.gridIntervalMs} ms of run time, time scale ${seriesSet.timeScale}, ${seriesSet.points} points.`,
    'rule_files:',
    `  - ${JSON.stringify(spec.rulesFile)}`,
    `evaluation_interval: ${formatPromDuration(spec.evaluationIntervalMs)}`,
    'tests:',
    `  - interval: ${formatPromDuration(seriesIntervalMs)}`,
    '    input_series:',
  ];
  for (const series of seriesSet.series) {
    lines.push(`      - series: ${JSON.stringify(selector(series))}`, `        values: ${JSON.stringify(expandingNotation(series.values))}`);
  }
  lines.push(
    '    promql_expr_test:',
    `      - expr: ${JSON.stringify(`label_replace(vector(1), "${SENTINEL_LABEL}", "ok", "", "")`)}`,
    '        eval_time: 0s',
    '        exp_samples: []',
  );
  for (const ms of spec.probeTimesMs) {
    const expr = `label_replace(count by (alertname) (ALERTS{alertstate="firing"}), "${EVAL_MS_LABEL}", "${ms}", "", "")`;
    lines.push(`      - expr: ${JSON.stringify(expr)}`, `        eval_time: ${formatPromDuration(ms)}`, '        exp_samples: []');
  }
  return `${lines.join('\n')}\n`;
}

/** `metric{a="1", b="2"}` with labels sorted. */
export function selector(series: GridSeries): string {
  const labels = Object.entries(series.labels)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `${series.metric}{${labels.join(', ')}}`;
}

/**
 * Prometheus' expanding notation with runs compressed: `a+0xN` is N+1 copies of a, `_xN` is N missing
 * values. Numbers are written without exponents, which the series lexer would misread next to `+`.
 */
export function expandingNotation(values: ReadonlyArray<number | null>): string {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    const value = values[i] ?? null;
    let run = 1;
    while (i + run < values.length && (values[i + run] ?? null) === value) run++;
    if (value === null) parts.push(run === 1 ? '_' : `_x${run}`);
    else if (run === 1) parts.push(plainNumber(value));
    else parts.push(`${plainNumber(value)}+0x${run - 1}`);
    i += run;
  }
  return parts.join(' ');
}

/** A finite number as plain decimal text (no exponent). */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const fixed = value.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}
