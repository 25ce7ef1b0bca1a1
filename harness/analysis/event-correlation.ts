/**
 * Points at the code path, not only the symptom: regresses the change of a resource over a window of samples
 * on how many faults of one kind were injected in that window — "each disconnect leaves +1.0 socket (R² 0.97)".
 * Windows span several samples so a socket opened a second after its disconnect still lands in the same window.
 */
import type { SoakEvent } from '../runner/soak-event.ts';
import { formatFigure } from './growth-text.ts';
import { olsSlope } from './ols-slope.ts';
import type { Correlation } from './report-data.ts';

/** Lifecycle kinds are not faults; everything else in events.ndjson is regressed on. */
const NOT_FAULTS = new Set(['run-start', 'run-stop', 'target-start', 'target-exit', 'warmup-end', 'heap-snapshot', 'gc-forced']);
/** Window length the regression aims for (reconnect back-off is seconds). */
export const CORRELATION_WINDOW_MS = 10_000;
const MIN_WINDOWS = 6;
const MIN_EVENTS = 3;
const MIN_R2 = 0.5;
/** |slope| / standard error a correlation needs to be reported. */
const MIN_T = 3;

/** One resource sampled at the sample times (same length as `tMs`), e.g. held sockets. */
export interface ResourceAtSamples {
  resource: string;
  /** Singular and plural unit words for the sentence, e.g. ['socket', 'sockets']; bytes are scaled to KB/MB. */
  unit: [string, string] | 'bytes';
  values: Array<number | null>;
}

/** Correlations worth showing, strongest first: positive per-event residue, R² ≥ 0.5, t ≥ 3, ≥ 3 events. */
export function correlateEvents(tMs: readonly number[], resources: readonly ResourceAtSamples[], events: readonly SoakEvent[], fromMs = 0): Correlation[] {
  const start = tMs.findIndex((t) => t >= fromMs);
  if (start === -1) return [];
  const intervalMs = tMs.length > start + 1 ? ((tMs.at(-1) as number) - (tMs[start] as number)) / (tMs.length - 1 - start) : 0;
  let step = intervalMs > 0 ? Math.max(1, Math.round(CORRELATION_WINDOW_MS / intervalMs)) : 1;
  while (step > 1 && Math.floor((tMs.length - 1 - start) / step) < MIN_WINDOWS) step = Math.max(1, Math.floor(step / 2));
  const bounds: number[] = [];
  for (let i = start; i < tMs.length; i += step) bounds.push(i);
  if (bounds.length - 1 < MIN_WINDOWS) return [];

  const kinds = [...new Set(events.filter((e) => !NOT_FAULTS.has(e.kind)).map((e) => e.kind))];
  const results: Correlation[] = [];
  for (const kind of kinds) {
    const times = events.filter((e) => e.kind === kind).map((e) => e.t);
    const counts: number[] = [];
    for (let w = 1; w < bounds.length; w++) {
      const from = tMs[bounds[w - 1] as number] as number;
      const to = tMs[bounds[w] as number] as number;
      counts.push(times.filter((t) => t > from && t <= to).length);
    }
    const total = counts.reduce((a, b) => a + b, 0);
    if (total < MIN_EVENTS) continue;
    for (const resource of resources) {
      const x: number[] = [];
      const y: number[] = [];
      for (let w = 1; w < bounds.length; w++) {
        const before = resource.values[bounds[w - 1] as number];
        const after = resource.values[bounds[w] as number];
        if (before === null || before === undefined || after === null || after === undefined) continue;
        x.push(counts[w - 1] as number);
        y.push(after - before);
      }
      if (x.length < MIN_WINDOWS) continue;
      const fit = olsSlope(x, y);
      if (fit.sxx <= 0 || fit.slope <= 0 || fit.r2 < MIN_R2) continue;
      let sse = 0;
      for (const e of fit.residuals) sse += e * e;
      const se = Math.sqrt(sse / Math.max(1, x.length - 2) / fit.sxx);
      if (se > 0 && fit.slope / se < MIN_T) continue;
      results.push({ resource: resource.resource, event: kind, perEvent: fit.slope, r2: fit.r2, events: total, text: sentence(kind, fit.slope, fit.r2, resource.unit) });
    }
  }
  return results.sort((a, b) => b.r2 - a.r2);
}

function sentence(kind: string, perEvent: number, r2: number, unit: ResourceAtSamples['unit']): string {
  let amount: string;
  if (unit === 'bytes') {
    amount = perEvent >= 1_048_576 ? `${formatFigure(perEvent / 1_048_576)} MB of heap` : `${formatFigure(perEvent / 1024)} KB of heap`;
  } else {
    amount = `${perEvent.toFixed(1)} ${Math.abs(perEvent - 1) < 0.05 ? unit[0] : unit[1]}`;
  }
  return `each ${kind} leaves +${amount} (R² ${r2.toFixed(2)})`;
}
