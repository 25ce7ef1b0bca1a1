/**
 * Deterministic synthetic runs for analysis and gate tests: a seeded PRNG drives realistic noise — heap after
 * each natural major GC with SD ≈ 0.05 MB and AR(1) autocorrelation, a few major GCs per minute, a heapUsed
 * sawtooth with SD of several MB, drifting RSS, quiet integer FD/socket counts — plus optional leaks, warm-up,
 * steps and disconnect faults that leave sockets behind.
 */
import type { Sample } from '../../../harness/probes/sample.ts';
import type { SoakEvent } from '../../../harness/runner/soak-event.ts';
import { DEFAULT_BUDGETS } from '../../../harness/analysis/index.ts';
import { createPrng } from '../../../harness/exchange/index.ts';
import type { RunInput, RunMeta } from '../../../harness/analysis/index.ts';

const MB = 1_048_576;

/** A seeded uniform source (the mock exchanges' mulberry32): same seed, same run. */
export const seededRandom = (seed: number): (() => number) => {
  const prng = createPrng(seed);
  return () => prng.next();
};

/** Standard normal draws from a uniform source (Box–Muller). */
export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** What to generate; every field has a realistic default. */
export interface SyntheticRunSpec {
  seed: number;
  durationMs: number;
  sampleIntervalMs?: number;
  /** Steady heap growth, MB/min. */
  leakMbPerMin?: number;
  /** Cache filling at start: amplitude MB approached with time constant ms. */
  warmup?: { mb: number; tauMs: number };
  /** One-time heap step: +mb at atMs. */
  step?: { mb: number; atMs: number };
  /** Major GCs per minute (each gives one heapAfterGc reading). */
  gcPerMin?: number;
  noiseSdMb?: number;
  /** AR(1) coefficient between consecutive after-GC readings. */
  ar?: number;
  /** Omit heapAfterGc so analysis must fall back to heapUsed. */
  noAfterGc?: boolean;
  /** Disconnect faults per minute; each leaves `socketsPerDisconnect` sockets (and FDs) behind. */
  disconnectsPerMin?: number;
  socketsPerDisconnect?: number;
  /** Extra FDs per minute (an FD leak). */
  fdLeakPerMin?: number;
  warmupMs?: number;
  meta?: Partial<RunMeta>;
}

/** Builds a RunInput as readRunDir would return it. */
export function syntheticRun(spec: SyntheticRunSpec): RunInput {
  const random = seededRandom(spec.seed);
  const normal = gaussian(random);
  const intervalMs = spec.sampleIntervalMs ?? 5000;
  const gcPerMin = spec.gcPerMin ?? 3 + 2 * random();
  const sd = spec.noiseSdMb ?? 0.05;
  const ar = spec.ar ?? 0.5;
  const innovationSd = sd * Math.sqrt(1 - ar * ar);
  const baseMb = 40 + 20 * random();
  const heapLevel = (t: number): number => {
    let mb = baseMb + (spec.leakMbPerMin ?? 0) * (t / 60_000);
    if (spec.warmup) mb += spec.warmup.mb * (1 - Math.exp(-t / spec.warmup.tauMs));
    if (spec.step && t >= spec.step.atMs) mb += spec.step.mb;
    return mb;
  };
  const samples: Sample[] = [];
  const events: SoakEvent[] = [{ t: 0, kind: 'run-start', exchange: 'harness', detail: {} }];
  let noise = normal() * sd;
  let nextGcT = (60_000 / gcPerMin) * random();
  let lastAfterGcMb = heapLevel(0);
  let lastGcT = 0;
  let rssDriftMb = 0;
  let leftSockets = 0;
  let nextDisconnectT = spec.disconnectsPerMin ? 60_000 / spec.disconnectsPerMin : Number.POSITIVE_INFINITY;
  for (let t = intervalMs; t <= spec.durationMs; t += intervalMs) {
    const afterGc: number[] = [];
    const majorPauses: number[] = [];
    while (nextGcT <= t) {
      noise = ar * noise + innovationSd * normal();
      lastAfterGcMb = heapLevel(nextGcT) + noise;
      lastGcT = nextGcT;
      afterGc.push(Math.round(lastAfterGcMb * MB));
      majorPauses.push(15 + 4 * random());
      // Jittered regular spacing: V8 major GCs come at roughly steady intervals under steady load.
      nextGcT += (60_000 / gcPerMin) * (0.6 + 0.8 * random());
    }
    while (nextDisconnectT <= t) {
      events.push({ t: nextDisconnectT, kind: 'disconnect', exchange: 'binance', symbol: 'BTCUSDT', detail: {} });
      leftSockets += spec.socketsPerDisconnect ?? 0;
      nextDisconnectT += 60_000 / (spec.disconnectsPerMin as number);
    }
    // Sawtooth: old generation fills with promotions until the next major GC; young generation churns.
    const heapUsedMb = lastAfterGcMb + 0.25 * ((t - lastGcT) / 1000) + 8 * random();
    rssDriftMb += 0.3 * normal();
    const minorPauses = [1 + random(), 1 + random(), 1.5 + random()];
    const fdsTotal = 24 + leftSockets + Math.floor((spec.fdLeakPerMin ?? 0) * (t / 60_000));
    const sample: Sample = {
      t,
      rss: Math.round((120 + heapUsedMb + rssDriftMb) * MB),
      heapUsed: Math.round(heapUsedMb * MB),
      heapTotal: Math.round((heapUsedMb + 16) * MB),
      external: Math.round((3 + 0.01 * normal()) * MB),
      arrayBuffers: Math.round(0.5 * MB),
      fds: { total: fdsTotal, socket: 3 + leftSockets, file: 12, pipe: 4, anon: 5, other: fdsTotal - 24 },
      sockets: { established: 2 + leftSockets, closeWait: 0, timeWait: 1, listen: 1, other: 0, total: 4 + leftSockets },
      handles: { TCPSocketWrap: 3 + leftSockets, Timeout: 4, FSReqCallback: 1 },
      gc: {
        count: minorPauses.length + majorPauses.length,
        totalPauseMs: [...minorPauses, ...majorPauses].reduce((a, b) => a + b, 0),
        maxPauseMs: Math.max(...minorPauses, ...majorPauses),
        pausesMs: [...minorPauses, ...majorPauses],
        byKind: {
          minor: { count: minorPauses.length, totalPauseMs: minorPauses.reduce((a, b) => a + b, 0) },
          major: { count: majorPauses.length, totalPauseMs: majorPauses.reduce((a, b) => a + b, 0) },
          incremental: { count: 0, totalPauseMs: 0 },
          weakcb: { count: 0, totalPauseMs: 0 },
        },
      },
      eventLoop: { p50: 1 + random(), p99: 10 + 5 * random(), max: 20 + 10 * random() },
      cpu: { user: 40, system: 10 },
      collector: { messages: Math.round(t * 0.2), gaps: 0, resyncs: 0, reconnects: events.length - 1, books: 2, levels: 4000, failed: 0 },
    };
    if (!spec.noAfterGc) sample.heapAfterGc = afterGc;
    samples.push(sample);
  }
  const meta: RunMeta = {
    scenario: 'synthetic',
    target: 'synthetic target',
    startedAt: '2026-01-01T00:00:00.000Z',
    argv: [],
    versions: { node: 'v20.0.0', soakbook: '0.1.0' },
    gitSha: '0000000',
    host: { cpu: 'test', cores: 2, memBytes: 8 * 1024 * MB },
    budgets: { ...DEFAULT_BUDGETS },
    warmupMs: spec.warmupMs ?? 0,
    sampleIntervalMs: intervalMs,
    streamsOpened: 2,
    socketSlack: 2,
    ...spec.meta,
  };
  return { meta, samples, events, skipped: { samples: 0, events: 0, reasons: [] } };
}
