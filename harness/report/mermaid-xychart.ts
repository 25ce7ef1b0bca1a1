/**
 * A time series as a Mermaid `xychart-beta` block, so report.md shows charts in GitHub's job summary and
 * pull-request views without any image hosting.
 */
import { bucketByTime, fillGaps } from './downsample-series.ts';

/** One line chart: a title, the y unit, and the series (t in ms since run start). */
export interface MermaidLineChart {
  title: string;
  yLabel: string;
  t: readonly number[];
  values: ReadonlyArray<number | null>;
  /** Divides every value (e.g. 1,048,576 to draw bytes as MiB). */
  divisor?: number;
}

/** Largest number of points drawn per chart: Mermaid lays every point out, and more would not be legible. */
export const MERMAID_MAX_POINTS = 100;

// Mermaid parses plain decimals only: no thousands separators, no exponents for the ranges we draw.
function plain(value: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(5));
  return Math.abs(rounded) >= 1e15 ? rounded.toFixed(0) : String(rounded).includes('e') ? rounded.toFixed(6) : String(rounded);
}

// Quotes delimit Mermaid strings and there is no escape for them.
function quoted(text: string): string {
  return `"${text.replace(/["\r\n]/g, ' ')}"`;
}

/** Renders a fenced `mermaid` block, or null when the series has fewer than two points to draw. */
export function renderMermaidXyChart(chart: MermaidLineChart, maxPoints = MERMAID_MAX_POINTS): string | null {
  const divisor = chart.divisor ?? 1;
  const points: Array<{ t: number; v: number }> = [];
  for (let i = 0; i < chart.t.length && i < chart.values.length; i += 1) {
    const t = chart.t[i];
    const v = chart.values[i];
    if (t !== undefined && v !== null && v !== undefined && Number.isFinite(v) && Number.isFinite(t)) points.push({ t, v: v / divisor });
  }
  if (points.length < 2) return null;
  const startMs = points[0]?.t ?? 0;
  const endMs = points[points.length - 1]?.t ?? startMs;
  const buckets = Math.max(2, Math.min(maxPoints, points.length));
  const line = fillGaps(bucketByTime(points.map((p) => p.t), points.map((p) => p.v), buckets, startMs, endMs));

  const inMinutes = endMs - startMs >= 120_000;
  const xScale = inMinutes ? 60_000 : 1000;
  const xLabel = inMinutes ? 'elapsed (min)' : 'elapsed (s)';

  let low = Math.min(...line);
  let high = Math.max(...line);
  const pad = high > low ? (high - low) * 0.08 : Math.max(Math.abs(high) * 0.05, 1);
  low = low - pad;
  high = high + pad;
  // Counts and sizes are never negative; a y axis below zero would only waste space.
  if (low < 0 && Math.min(...line) >= 0) low = 0;

  return [
    '```mermaid',
    'xychart-beta',
    `  title ${quoted(chart.title)}`,
    `  x-axis ${quoted(xLabel)} ${plain(startMs / xScale)} --> ${plain(endMs / xScale)}`,
    `  y-axis ${quoted(chart.yLabel)} ${plain(low)} --> ${plain(high)}`,
    `  line [${line.map(plain).join(', ')}]`,
    '```',
  ].join('\n');
}
