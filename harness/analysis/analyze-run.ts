/**
 * Turns one run's data into ReportData: every check with its stable id, the verdict, growth per series,
 * GC and event-loop figures, integrity, event correlations, clean hours, chart series and notes. Pure: data in,
 * data out, so the live runner can re-evaluate it as the run goes and `report` can rebuild it from disk.
 */
import type { Sample } from '../probes/sample.ts';
import type { Budgets } from './budgets.ts';
import { BYTES_PER_MB, resolveBudgets } from './budgets.ts';
import { cleanHours } from './clean-hours.ts';
import { correlateEvents } from './event-correlation.ts';
import { eventLoopSummary } from './event-loop-stats.ts';
import { gcPauseSummary } from './gc-pause-stats.ts';
import { assessGrowth } from './growth-check.ts';
import type { GrowthAssessment } from './growth-check.ts';
import { formatFigure, projectionText } from './growth-text.ts';
import { assessIntegrity } from './integrity-summary.ts';
import { eventLoopCheck, gcPauseCheck, leakedObjectsCheck, socketBoundCheck, targetAliveCheck } from './point-checks.ts';
import { REPORT_SCHEMA_VERSION } from './report-data.ts';
import type { Check, Growth, ReportData } from './report-data.ts';
import { reportSeries } from './report-series.ts';
import { heldSockets, resourceSeries, totalHandles } from './resource-series.ts';
import { MIN_SERIES_POINTS } from './settled-window.ts';
import type { RunInput } from './run-input.ts';
import { verdictOf } from './verdict.ts';

/** Knobs for one analysis. */
export interface AnalyzeOptions {
  /** Overrides applied on top of the run's own budgets (meta.json). */
  budgets?: Partial<Budgets>;
  /** Judge only samples and events up to this time (ms since run start): how the verdict looked at that point. */
  untilMs?: number;
}

/** Analyses a run; never throws on short, empty or partial runs (their checks are inconclusive or skipped). */
export function analyzeRun(input: RunInput, options: AnalyzeOptions = {}): ReportData {
  const { meta } = input;
  const untilMs = options.untilMs ?? Number.POSITIVE_INFINITY;
  const samples = input.samples.filter((s) => s.t <= untilMs).sort((a, b) => a.t - b.t);
  const events = input.events.filter((e) => e.t <= untilMs).sort((a, b) => a.t - b.t);
  const budgets = resolveBudgets(meta.budgets, options.budgets);
  const notes: string[] = [];
  const durationMs = Math.max(samples.at(-1)?.t ?? 0, events.at(-1)?.t ?? 0);

  if (input.skipped.samples + input.skipped.events > 0) {
    notes.push(`Skipped ${input.skipped.samples} unreadable sample line(s) and ${input.skipped.events} event line(s)${input.skipped.reasons.length ? ` (${input.skipped.reasons.join('; ')})` : ''}.`);
  }
  const spoiled = samples.filter((s) => s.afterHeapSnapshot).length;
  if (spoiled > 0) notes.push(`${spoiled} sample(s) taken after a heap snapshot are left out of the GC, RSS and event-loop verdicts (a snapshot slows GC and inflates RSS for the rest of the process's life).`);

  const series = resourceSeries(samples);
  const hostMemMb = meta.host.memBytes / BYTES_PER_MB;
  const common = { warmupMs: meta.warmupMs, hostMemMb, boundHours: budgets.cleanHours > 0 ? budgets.cleanHours : undefined };
  const useAfterGc = series.heapAfterGcMb.tMs.length >= MIN_SERIES_POINTS || series.heapAfterGcMb.tMs.length >= series.heapUsedEnvelopeMb.tMs.length;
  if (!useAfterGc) {
    notes.push('Heap growth is judged on the minimum heapUsed per minute, because the target reported too few heap-after-GC readings; that series is noisier (a GC sawtooth), so decisions take longer.');
  }
  const heap = assessGrowth({
    ...common,
    id: 'heap-growth',
    title: 'Heap growth after warm-up',
    seriesName: useAfterGc ? 'heapAfterGc' : 'heapUsed',
    series: useAfterGc ? series.heapAfterGcMb : series.heapUsedEnvelopeMb,
    unit: 'MB',
    budgetPerMin: budgets.heapGrowthMbPerMin,
    leakFloorPerMin: budgets.leakFloorMbPerHour / 60,
    unobservable: 'The target reports no heap figures (not a Node target, or no agent).',
  });
  const rss = assessGrowth({ ...common, id: 'rss-growth', title: 'RSS growth', seriesName: 'rss', series: series.rssMb, unit: 'MB', budgetPerMin: budgets.rssGrowthMbPerMin, unobservable: 'No RSS readings outside heap-snapshot-spoiled samples.' });
  const external = assessGrowth({ ...common, id: 'external-growth', title: 'External memory growth', seriesName: 'external', series: series.externalMb, unit: 'MB', budgetPerMin: budgets.externalGrowthMbPerMin, unobservable: 'The target reports no external memory (not a Node target, or no agent).' });
  const fds = assessGrowth({ ...common, id: 'fd-growth', title: 'File-descriptor growth', seriesName: 'fds', series: series.fds, unit: 'FDs', budgetPerMin: budgets.fdGrowthPerMin, unobservable: 'No FD readings.' });
  const handles = assessGrowth({ ...common, id: 'handle-growth', title: 'Active handle growth', seriesName: 'handles', series: series.handles, unit: 'handles', budgetPerMin: budgets.handleGrowthPerMin, unobservable: 'The target reports no active handles (not a Node target, or no agent).' });
  const sockets = assessGrowth({ ...common, id: 'socket-bound', title: 'Socket growth', seriesName: 'sockets', series: series.sockets, unit: 'sockets', budgetPerMin: budgets.fdGrowthPerMin, unobservable: 'No socket readings.' });
  applyOpenFdBound(fds.check, samples, budgets.maxOpenFds);

  // Start-up (module compilation, first GCs) is not the steady state the pause budgets are about.
  const settledSamples = samples.filter((s) => s.t >= meta.warmupMs);
  const timingSamples = settledSamples.length > 0 ? settledSamples : samples;
  if (timingSamples !== samples) notes.push(`GC pauses and event-loop delay are judged after the ${formatFigure(meta.warmupMs / 1000)} s warm-up.`);
  const gc = gcPauseSummary(timingSamples);
  if (gc.unlistedCount > 0) notes.push(`${gc.unlistedCount} GC(s) were counted but not listed individually (the agent's per-interval list was full); percentiles use the ${gc.pausesMs.length} listed pauses.`);
  if (gc.stats && !gc.perKindPauses) notes.push('Per-kind GC p95/max equal the kind\'s mean pause: the probe sent no per-kind pause lists.');
  const loop = eventLoopSummary(timingSamples, budgets.eventLoopP99Ms);
  const integrity = assessIntegrity(samples, events, meta.sampleIntervalMs);

  const checks: Check[] = [
    heap.check,
    rss.check,
    external.check,
    fds.check,
    socketBoundCheck(samples, meta),
    handles.check,
    gcPauseCheck(gc, budgets.gcPauseP95Ms),
    eventLoopCheck(loop, budgets.eventLoopP99Ms),
    integrity.check,
    leakedObjectsCheck(input.heapDiff, budgets.leakedObjects),
    targetAliveCheck(meta, durationMs),
  ];

  const growth: Record<string, Growth> = {};
  for (const [name, assessment] of [[heap.growth ? (useAfterGc ? 'heapAfterGc' : 'heapUsed') : '', heap], ['rss', rss], ['external', external], ['fds', fds], ['sockets', sockets], ['handles', handles]] as Array<[string, GrowthAssessment]>) {
    if (name && assessment.growth) growth[name] = assessment.growth;
  }
  if (heap.fit && heap.fit.perMin > budgets.heapGrowthAlertMbPerMin && heap.check.status !== 'pass') {
    notes.push(`Heap grows ${formatFigure(heap.fit.perMin)} MB/min, above the runbook's ${budgets.heapGrowthAlertMbPerMin} MB/min alert level.`);
  }
  if (heap.leak === 'leaking' && heap.check.status === 'pass' && heap.fit) {
    notes.push(`Heap leak below budget: ${formatFigure(heap.fit.perMin * 60)} MB/h, ${projectionText(heap.fit.perMin, 'MB', hostMemMb)}.`);
  }

  const heapAtSamples = carriedHeapBytes(samples);
  const correlations = correlateEvents(
    samples.map((s) => s.t),
    [
      { resource: 'sockets', unit: ['socket', 'sockets'], values: samples.map(heldSockets) },
      { resource: 'fds', unit: ['FD', 'FDs'], values: samples.map((s) => s.fds.total) },
      { resource: 'handles', unit: ['handle', 'handles'], values: samples.map((s) => totalHandles(s) ?? null) },
      { resource: 'heapAfterGc', unit: 'bytes', values: heapAtSamples },
    ],
    events,
    meta.warmupMs,
  );

  const hours = cleanHours(samples, useAfterGc ? series.heapAfterGcMb : series.heapUsedEnvelopeMb, budgets, meta.streamsOpened + meta.socketSlack, meta.warmupMs);
  if (budgets.cleanHours > 0) notes.push(`The run asked for ${budgets.cleanHours} clean hour(s); it shows ${hours}.`);
  if (samples.length === 0) notes.push('No samples: the run stopped before the first sampling interval ended.');

  const report: ReportData = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict: verdictOf(checks),
    scenario: meta.scenario,
    target: meta.target,
    durationMs,
    checks,
    growth,
    gcPauseMs: gc.stats,
    eventLoopMs: loop ? { p99: loop.p99, max: loop.max } : null,
    integrity: integrity.integrity,
    correlations,
    cleanHours: hours,
    events: events.map((e) => ({ t: e.t, kind: e.kind, exchange: e.exchange })),
    gcPauseHistogram: gc.histogram,
    series: reportSeries(samples),
    notes,
  };
  if (input.heapDiff) report.heapDiff = input.heapDiff;
  if (input.alerts) report.alerts = input.alerts;
  if (meta.targetExit) report.targetExit = meta.targetExit;
  return report;
}

/** Fails fd-growth when any sample held the budgeted number of FDs or more, whatever the slope said. */
function applyOpenFdBound(check: Check, samples: readonly Sample[], maxOpenFds: number): void {
  const peak = samples.reduce((max, s) => Math.max(max, s.fds.total), 0);
  if (peak >= maxOpenFds) {
    check.status = 'fail';
    check.detail = `${peak} FDs open at peak, budget < ${maxOpenFds}. ${check.detail}`;
  } else if (samples.length > 0) {
    check.detail = `${check.detail} Peak ${peak} open FDs (budget < ${maxOpenFds}).`;
  }
}

/** Latest heap-after-GC reading at or before each sample (bytes), null before the first. */
function carriedHeapBytes(samples: readonly Sample[]): Array<number | null> {
  let last: number | null = null;
  return samples.map((s) => {
    const readings = s.heapAfterGc;
    if (readings && readings.length > 0) last = readings.at(-1) as number;
    return last;
  });
}
