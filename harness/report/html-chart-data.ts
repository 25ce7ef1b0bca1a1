/**
 * The data report.html's charts draw, shaped for uPlot (one shared x column per chart, seconds since run start)
 * and already in display units, so the in-page script only wires charts up and holds no report logic.
 */
import type { ReportData } from '../analysis/report-data.ts';
import { downsampleTable } from './downsample-series.ts';
import { countEventsByKind } from './report-labels.ts';

/** Rows an HTML chart carries at most; a 1 Hz run stays at full resolution for its first 100 minutes. */
export const HTML_MAX_POINTS = 6000;

const MIB = 1024 * 1024;

/** One line of a chart. */
export interface HtmlChartSeries {
  label: string;
  color: string;
  /** Draw a dot per point (sparse series such as heap after GC). */
  points: boolean;
  width: number;
}

/** One time chart: xSec in seconds since run start, one y column per series. */
export interface HtmlTimeChart {
  id: string;
  title: string;
  unit: string;
  /** Counts: y ticks only at whole numbers. */
  integer: boolean;
  series: HtmlChartSeries[];
  xSec: number[];
  ys: Array<Array<number | null>>;
}

/** Everything the in-page script draws. */
export interface HtmlChartData {
  durationSec: number;
  charts: HtmlTimeChart[];
  events: Array<{ tSec: number; kind: string; exchange: string }>;
  eventKinds: Array<{ kind: string; count: number; color: string; lifecycle: boolean }>;
  gcHistogram: { labels: string[]; counts: number[] };
}

const FAULT_COLORS = ['#dc2626', '#d97706', '#db2777', '#9333ea', '#0891b2', '#65a30d', '#b45309', '#be123c', '#4f46e5', '#0f766e'];
const LIFECYCLE_COLOR = '#94a3b8';

function scaled(values: ReadonlyArray<number | null>, divisor: number): Array<number | null> {
  return values.map((v) => (v === null || v === undefined || !Number.isFinite(v) ? null : v / divisor));
}

/** Merges two sorted time columns into one x axis with null where a series has no point (what uPlot expects). */
export function mergeTimeColumns(a: { t: readonly number[]; v: ReadonlyArray<number | null> }, b: { t: readonly number[]; v: ReadonlyArray<number | null> }): { t: number[]; ys: [Array<number | null>, Array<number | null>] } {
  const t: number[] = [];
  const ya: Array<number | null> = [];
  const yb: Array<number | null> = [];
  let i = 0;
  let j = 0;
  while (i < a.t.length || j < b.t.length) {
    const ta = a.t[i];
    const tb = b.t[j];
    if (tb === undefined || (ta !== undefined && ta < tb)) {
      t.push(ta ?? 0);
      ya.push(a.v[i] ?? null);
      yb.push(null);
      i += 1;
    } else if (ta === undefined || tb < ta) {
      t.push(tb);
      ya.push(null);
      yb.push(b.v[j] ?? null);
      j += 1;
    } else {
      t.push(ta);
      ya.push(a.v[i] ?? null);
      yb.push(b.v[j] ?? null);
      i += 1;
      j += 1;
    }
  }
  return { t, ys: [ya, yb] };
}

// Bar labels must stay short: eleven bars share half a page width.
function shortMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000}s` : String(ms);
}

/** Labels for histogram bars in ms: `≤1`, `≤2`, …, `≤1s` and `>1s` for the overflow bar (an extra count or an infinite bound). */
export function histogramLabels(boundsMs: readonly number[], bars: number): string[] {
  const finite = boundsMs.filter((b) => typeof b === 'number' && Number.isFinite(b));
  const overflow = `>${shortMs(finite[finite.length - 1] ?? 0)}`;
  return Array.from({ length: bars }, (_, i) => {
    const bound = boundsMs[i];
    if (bound === undefined || bound === null || !Number.isFinite(bound)) return overflow;
    return `≤${shortMs(bound)}`;
  });
}

function line(label: string, color: string, extra: Partial<HtmlChartSeries> = {}): HtmlChartSeries {
  return { label, color, points: false, width: 1.5, ...extra };
}

/** Builds the charts' data from a report: downsampled, in MiB, seconds and counts. */
export function buildHtmlChartData(report: ReportData): HtmlChartData {
  const s = report.series;
  const main = downsampleTable({ t: s.t, columns: [s.rssBytes, s.heapUsedBytes, s.fds, s.sockets, s.messagesPerSec] }, HTML_MAX_POINTS);
  const [rss = [], heapUsed = [], fds = [], sockets = [], messages = []] = main.columns;
  const afterGc = downsampleTable({ t: s.heapAfterGc.t, columns: [s.heapAfterGc.bytes] }, HTML_MAX_POINTS);
  const memory = mergeTimeColumns({ t: afterGc.t, v: scaled(afterGc.columns[0] ?? [], MIB) }, { t: main.t, v: scaled(heapUsed, MIB) });
  const seconds = (t: readonly number[]): number[] => t.map((ms) => ms / 1000);

  const charts: HtmlTimeChart[] = [
    {
      id: 'memory',
      title: 'Heap',
      unit: 'MiB',
      integer: false,
      series: [line('Heap after major GC', '#1d4ed8', { points: true, width: 2 }), line('Heap used', '#93c5fd', { width: 1 })],
      xSec: seconds(memory.t),
      ys: memory.ys,
    },
    { id: 'rss', title: 'Resident set size', unit: 'MiB', integer: false, series: [line('RSS', '#7c3aed')], xSec: seconds(main.t), ys: [scaled(rss, MIB)] },
    { id: 'fds', title: 'Open file descriptors', unit: 'FDs', integer: true, series: [line('File descriptors', '#0d9488')], xSec: seconds(main.t), ys: [fds] },
    { id: 'sockets', title: 'TCP sockets', unit: 'sockets', integer: true, series: [line('Sockets', '#ea580c')], xSec: seconds(main.t), ys: [sockets] },
    { id: 'messages', title: 'Messages per second', unit: 'msg/s', integer: false, series: [line('Messages/s', '#16a34a')], xSec: seconds(main.t), ys: [messages] },
  ];

  let faultIndex = 0;
  const eventKinds = countEventsByKind(report.events).map(({ kind, count, lifecycle }) => {
    const color = lifecycle ? LIFECYCLE_COLOR : (FAULT_COLORS[faultIndex++ % FAULT_COLORS.length] ?? LIFECYCLE_COLOR);
    return { kind, count, color, lifecycle };
  });

  return {
    durationSec: report.durationMs / 1000,
    charts,
    events: report.events.map((e) => ({ tSec: e.t / 1000, kind: e.kind, exchange: e.exchange })),
    eventKinds,
    gcHistogram: { labels: histogramLabels(report.gcPauseHistogram.boundsMs, report.gcPauseHistogram.counts.length), counts: report.gcPauseHistogram.counts },
  };
}
