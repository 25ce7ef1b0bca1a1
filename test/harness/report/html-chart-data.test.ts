import { describe, expect, it } from 'vitest';
import { HTML_MAX_POINTS, buildHtmlChartData, histogramLabels, mergeTimeColumns } from '../../../harness/report/html-chart-data.ts';
import { failingReport, noAgentReport } from './report-fixtures.ts';

describe('html-chart-data', () => {
  it('merges two sorted time columns with nulls where a series has no point', () => {
    expect(mergeTimeColumns({ t: [0, 2, 5], v: [1, 2, 3] }, { t: [0, 1, 2, 6], v: [10, 11, 12, 13] })).toEqual({
      t: [0, 1, 2, 5, 6],
      ys: [
        [1, null, 2, 3, null],
        [10, 11, 12, null, 13],
      ],
    });
  });

  it('labels histogram bars, including the overflow bar after the last bound', () => {
    expect(histogramLabels([1, 2, 5, 1000], 5)).toEqual(['≤1', '≤2', '≤5', '≤1s', '>1s']);
    expect(histogramLabels([1, Number.POSITIVE_INFINITY], 2)).toEqual(['≤1', '>1']);
  });

  it('puts charts in MiB and seconds, colours fault kinds and greys lifecycle kinds', () => {
    const data = buildHtmlChartData(failingReport());
    expect(data.charts.map((c) => c.id)).toEqual(['memory', 'rss', 'fds', 'sockets', 'messages']);
    const rss = data.charts.find((c) => c.id === 'rss');
    expect(rss?.xSec.slice(0, 3)).toEqual([0, 1, 2]);
    expect(rss?.ys[0]?.[0]).toBeGreaterThan(90);
    expect(rss?.ys[0]?.[0]).toBeLessThan(93);
    const memory = data.charts.find((c) => c.id === 'memory');
    expect(memory?.ys).toHaveLength(2);
    expect(memory?.ys.every((col) => col.length === memory.xSec.length)).toBe(true);
    expect(data.eventKinds.find((k) => k.kind === 'run-start')).toMatchObject({ lifecycle: true, color: '#94a3b8' });
    expect(data.eventKinds.find((k) => k.kind === 'gap')).toMatchObject({ lifecycle: false, count: 13 });
    expect(data.events[1]).toEqual({ tSec: 45, kind: 'gap', exchange: 'okx' });
  });

  it('keeps a long run under the point limit and leaves unobserved series all null', () => {
    const report = noAgentReport();
    const t = Array.from({ length: 20_000 }, (_, i) => i * 1000);
    report.series = { ...report.series, t, rssBytes: t.map(() => 1), fds: t.map(() => 1), sockets: t.map(() => 1), heapUsedBytes: t.map(() => null), messagesPerSec: t.map(() => null) };
    const data = buildHtmlChartData(report);
    expect(data.charts.find((c) => c.id === 'rss')?.xSec).toHaveLength(HTML_MAX_POINTS);
    expect(data.charts.find((c) => c.id === 'messages')?.ys[0]?.every((v) => v === null)).toBe(true);
  });
});
