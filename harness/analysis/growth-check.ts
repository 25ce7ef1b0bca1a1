/**
 * One growth check (heap, RSS, external, FDs, handles): picks the settled window, fits the trend, decides it
 * against the budget and, for memory, against the leak floor, and writes the sentence a person reads.
 */
import type { Check, CheckId, Growth } from './report-data.ts';
import { boundText, formatFigure, hoursBoundText, moreMinutesText, projectionText } from './growth-text.ts';
import { decideAgainstMargin, slowdownGuard } from './growth-verdict.ts';
import { selectSettledWindow } from './settled-window.ts';
import { olsSlope } from './ols-slope.ts';
import { ar1Coefficient, fitTrend, GROWTH_CONFIDENCE } from './trend-fit.ts';
import type { SeriesPoints, TrendFit } from './trend-fit.ts';

/** Leak classification against the leak floor (memory series only). */
export type LeakCall = 'leaking' | 'bounded' | 'undecided';

/** What to judge and against what. */
export interface GrowthCheckSpec {
  id: CheckId;
  title: string;
  /** Name under report.growth, e.g. `heapAfterGc`. */
  seriesName: string;
  series: SeriesPoints;
  /** What the series counts: `MB`, `FDs`, `sockets`, `handles`. */
  unit: string;
  budgetPerMin: number;
  /** Smallest steady growth called a leak, per minute (memory series). */
  leakFloorPerMin?: number;
  warmupMs: number;
  hostMemMb?: number;
  /** Hours the run asked to be clean, for the N-hour bound. */
  boundHours?: number;
  /** Said in the detail when the check is skipped because the series is empty. */
  unobservable: string;
}

/** A judged growth series: the check, its report.growth entry and the leak call. */
export interface GrowthAssessment {
  check: Check;
  growth: Growth | null;
  fit: TrendFit | null;
  leak: LeakCall | null;
}

/** Judges one series; never throws on short or empty series (they are skipped or inconclusive). */
export function assessGrowth(spec: GrowthCheckSpec): GrowthAssessment {
  const unitPerMin = `${spec.unit}/min`;
  const base = { id: spec.id, title: spec.title, budget: spec.budgetPerMin, unit: unitPerMin };
  if (spec.series.tMs.length === 0) {
    return { check: { ...base, status: 'skipped', value: null, detail: spec.unobservable }, growth: null, fit: null, leak: null };
  }
  const window = selectSettledWindow(spec.series, spec.warmupMs);
  if (!window.ok) {
    return { check: { ...base, status: 'inconclusive', value: null, detail: `Too early to judge: ${window.reason}.` }, growth: null, fit: null, leak: null };
  }
  // The window may hold ten points; the whole series says more about how correlated the noise is.
  const wholeFit = olsSlope(spec.series.tMs, spec.series.values);
  const fit = fitTrend(window.series, GROWTH_CONFIDENCE, true, ar1Coefficient(wholeFit.residuals));
  const guard = window.rule === 'trailing-half' ? slowdownGuard(spec.series) : slowdownGuard(window.series);
  const runPerWindowMin = window.rule === 'trailing-half' ? 2 : 1;
  const decision = decideAgainstMargin(fit, spec.budgetPerMin, guard.slowing, runPerWindowMin);
  const floor = spec.leakFloorPerMin !== undefined ? decideAgainstMargin(fit, spec.leakFloorPerMin, guard.slowing, runPerWindowMin) : null;
  const leak: LeakCall | null = floor === null ? null : floor.status === 'fail' ? 'leaking' : floor.status === 'pass' ? 'bounded' : 'undecided';

  const estimate = `${formatFigure(fit.perMin)} ${unitPerMin} [${formatFigure(fit.low)}, ${formatFigure(fit.high)}] over the last ${formatFigure(fit.spanMs / 60_000)} min (${fit.points} points, ${window.rule === 'trailing-half' ? 'trailing half' : 'after warm-up'})`;
  const sentences = [`Grows ${estimate}.`];
  if (decision.status === 'fail') {
    sentences.push(`Above the ${formatFigure(spec.budgetPerMin)} ${unitPerMin} budget: ${projectionText(fit.perMin, spec.unit, spec.hostMemMb)}.`);
  } else if (decision.status === 'pass') {
    sentences.push(`Within the ${formatFigure(spec.budgetPerMin)} ${unitPerMin} budget: ${boundText(fit.high, spec.unit, fit.confidence)}${spec.boundHours ? ` (${hoursBoundText(fit.high, spec.unit, spec.boundHours)})` : ''}.`);
  } else if (guard.slowing && guard.half && guard.quarter) {
    sentences.push(`Growth is slowing (last quarter ${formatFigure(guard.quarter.perMin)} vs last half ${formatFigure(guard.half.perMin)} ${unitPerMin}): likely a cache still filling, not called a leak; run longer.`);
  } else {
    sentences.push(`The interval straddles the ${formatFigure(spec.budgetPerMin)} ${unitPerMin} budget; ${moreMinutesText(decision.moreMinutes)}.`);
  }
  if (floor && spec.leakFloorPerMin !== undefined && decision.status !== 'fail') {
    const floorText = `${formatFigure(spec.leakFloorPerMin * 60)} ${spec.unit}/h leak floor`;
    if (leak === 'leaking') sentences.push(`Still an unbounded leak above the ${floorText}: ${projectionText(fit.perMin, spec.unit, spec.hostMemMb)}.`);
    else if (leak === 'undecided' && decision.status === 'pass' && guard.slowing) sentences.push(`Growth is slowing (likely a cache still filling), so it is not called a leak against the ${floorText}; run longer.`);
    else if (leak === 'undecided' && decision.status === 'pass') sentences.push(`Not yet certified below the ${floorText}; ${moreMinutesText(floor.moreMinutes)}.`);
  }
  const growth: Growth = {
    perMin: fit.perMin,
    low: fit.low,
    high: fit.high,
    unit: unitPerMin,
    points: fit.points,
    se: fit.se,
    theilSenPerMin: fit.theilSenPerMin,
    fromMs: window.fromMs,
    ...(leak ? { leak } : {}),
  };
  return { check: { ...base, status: decision.status, value: fit.perMin, detail: sentences.join(' ') }, growth, fit, leak };
}
