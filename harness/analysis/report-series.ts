/**
 * The series the reports chart: one row per sample (thinned evenly past MAX_CHART_POINTS so a day at 1 Hz
 * still renders), heap-after-GC readings as their own series, and message rate from the collector's counter.
 */
import type { Sample } from '../probes/sample.ts';
import type { ReportSeries } from './report-data.ts';
import { heldSockets } from './resource-series.ts';

/** Rows kept for charts; thinning keeps every k-th sample and always the last. */
export const MAX_CHART_POINTS = 4000;

/** Builds chart series from samples sorted by t. */
export function reportSeries(samples: readonly Sample[]): ReportSeries {
  const series: ReportSeries = { t: [], rssBytes: [], heapUsedBytes: [], heapAfterGc: { t: [], bytes: [] }, fds: [], sockets: [], messagesPerSec: [] };
  const stride = Math.max(1, Math.ceil(samples.length / MAX_CHART_POINTS));
  const gcStride = Math.max(1, Math.ceil(samples.reduce((n, s) => n + (s.heapAfterGc?.length ?? 0), 0) / MAX_CHART_POINTS));
  let gcIndex = 0;
  let previous: Sample | undefined;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as Sample;
    for (const bytes of sample.heapAfterGc ?? []) {
      if (gcIndex++ % gcStride === 0) {
        series.heapAfterGc.t.push(sample.t);
        series.heapAfterGc.bytes.push(bytes);
      }
    }
    if (i % stride === 0 || i === samples.length - 1) {
      series.t.push(sample.t);
      series.rssBytes.push(sample.rss);
      series.heapUsedBytes.push(sample.heapUsed ?? null);
      series.fds.push(sample.fds.total);
      series.sockets.push(heldSockets(sample));
      series.messagesPerSec.push(messageRate(previous, sample));
    }
    previous = sample;
  }
  return series;
}

function messageRate(previous: Sample | undefined, sample: Sample): number | null {
  if (!previous?.collector || !sample.collector || sample.t <= previous.t) return null;
  const delta = sample.collector.messages - previous.collector.messages;
  // A restarted target resets its counters; a negative rate would be noise on the chart.
  return delta < 0 ? null : (delta * 1000) / (sample.t - previous.t);
}
