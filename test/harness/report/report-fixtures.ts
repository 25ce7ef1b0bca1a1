/**
 * Hand-built ReportData for the renderer tests: a passing run, a failing run with a heap diff, a run with no
 * agent (no GC, no event loop), and a hostile run whose outside strings try to break out of every format.
 */
import { REPORT_SCHEMA_VERSION, type Check, type ReportData } from '../../../harness/analysis/report-data.ts';
import { createPrng } from '../../../harness/exchange/index.ts';

const MIB = 1024 * 1024;

/** A deterministic pseudo-random sequence, so fixtures never change between runs. */
const random = (seed: number): (() => number) => {
  const prng = createPrng(seed);
  return () => prng.next();
};

function check(id: Check['id'], title: string, status: Check['status'], value: number | null, budget: number | null, unit: string, detail: string): Check {
  return { id, title, status, value, budget, unit, detail };
}

/** Series for `minutes` of 1 Hz samples, with a heap leak of `leakMiBPerMin` and one reconnect every 2 minutes. */
function series(minutes: number, leakMiBPerMin: number, seed: number): ReportData['series'] {
  const next = random(seed);
  const t: number[] = [];
  const rssBytes: number[] = [];
  const heapUsedBytes: Array<number | null> = [];
  const fds: number[] = [];
  const sockets: number[] = [];
  const messagesPerSec: Array<number | null> = [];
  const afterGcT: number[] = [];
  const afterGcBytes: number[] = [];
  for (let s = 0; s <= minutes * 60; s += 1) {
    const base = 30 * MIB + leakMiBPerMin * MIB * (s / 60);
    const reconnects = Math.floor(s / 120);
    t.push(s * 1000);
    heapUsedBytes.push(base + (s % 23) * 0.4 * MIB + next() * 0.2 * MIB);
    rssBytes.push(base + 60 * MIB + next() * 2 * MIB);
    fds.push(24 + (leakMiBPerMin > 0 ? reconnects : 0));
    sockets.push(4 + (leakMiBPerMin > 0 ? reconnects : 0));
    messagesPerSec.push(s === 0 ? null : 900 + Math.round(next() * 200));
    if (s % 23 === 22) {
      afterGcT.push(s * 1000);
      afterGcBytes.push(base + next() * 0.05 * MIB);
    }
  }
  return { t, rssBytes, heapUsedBytes, heapAfterGc: { t: afterGcT, bytes: afterGcBytes }, fds, sockets, messagesPerSec };
}

function events(minutes: number): ReportData['events'] {
  const out: ReportData['events'] = [{ t: 0, kind: 'run-start', exchange: 'harness' }];
  for (let s = 120; s < minutes * 60; s += 120) out.push({ t: s * 1000, kind: 'disconnect', exchange: 'binance' });
  for (let s = 45; s < minutes * 60; s += 90) out.push({ t: s * 1000, kind: 'gap', exchange: 'okx' });
  out.push({ t: 60_000, kind: 'warmup-end', exchange: 'harness' });
  out.sort((a, b) => a.t - b.t);
  return out;
}

/** A 30-minute clean run: every check passes. */
export function passingReport(): ReportData {
  const minutes = 30;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    verdict: 'pass',
    scenario: 'steady',
    target: 'soakbook collector (src/cli/main.ts)',
    durationMs: minutes * 60_000,
    checks: [
      check('heap-growth', 'Heap growth after GC', 'pass', 0.004, 1, 'MB/min', 'Slope +0.004 MB/min, 99% interval [-0.01, +0.015]: < 0.9 MB/h with 99% confidence.'),
      check('rss-growth', 'RSS growth', 'pass', 0.02, 4, 'MB/min', 'Within budget.'),
      check('external-growth', 'External memory growth', 'pass', 0, 1, 'MB/min', 'Flat.'),
      check('fd-growth', 'File descriptor growth', 'pass', 0, 1, 'FD/min', 'Flat at 24 FDs.'),
      check('socket-bound', 'Sockets within streams + slack', 'pass', 4, 6, 'sockets', 'Peak 4 sockets for 4 streams (slack 2).'),
      check('handle-growth', 'Active handle growth', 'pass', 0, 1, 'handles/min', 'Flat.'),
      check('gc-pause', 'GC pause p95', 'pass', 3.1, 50, 'ms', 'p95 3.1 ms over 412 pauses.'),
      check('event-loop', 'Event-loop delay p99', 'pass', 12, 100, 'ms', 'p99 12 ms.'),
      check('integrity', 'Book integrity', 'pass', 0, 0, 'mismatches', 'All 30 injected gaps detected and resynced.'),
      check('leaked-objects', 'Leaked objects (three-snapshot diff)', 'skipped', null, 0, 'objects', 'No heap snapshots were taken in this run.'),
      check('target-alive', 'Target alive', 'pass', 1, null, '', 'The target ran to the end.'),
    ],
    growth: {
      heapAfterGc: { perMin: 0.004, low: -0.01, high: 0.015, unit: 'MB/min', points: 39 },
      rss: { perMin: 0.02, low: -0.1, high: 0.14, unit: 'MB/min', points: 900 },
      fds: { perMin: 0, low: 0, high: 0, unit: 'FD/min', points: 900 },
      sockets: { perMin: 0, low: 0, high: 0, unit: 'sockets/min', points: 900 },
    },
    gcPauseMs: { p50: 1.2, p95: 3.1, p99: 6.4, max: 17.9, byKind: { minor: { count: 380, p95: 2.1, max: 4.2 }, major: { count: 32, p95: 16.5, max: 17.9 } } },
    eventLoopMs: { p99: 12, max: 31 },
    integrity: { updatesApplied: 1_620_334, checksumsVerified: 54_210, checksumFailures: 0, gapsInjected: 20, gapsDetected: 20, resyncs: 20 },
    correlations: [],
    cleanHours: 0,
    events: events(minutes),
    gcPauseHistogram: { boundsMs: [1, 2, 5, 10, 20, 50, 100], counts: [140, 190, 48, 12, 22, 0, 0, 0] },
    series: series(minutes, 0, 7),
    notes: ['Warm-up: the first 5 minutes were excluded from the growth estimates.'],
  };
}

/** A 20-minute leaking run: heap and sockets fail, each disconnect leaves a socket behind, with a heap diff. */
export function failingReport(): ReportData {
  const minutes = 20;
  const base = passingReport();
  return {
    ...base,
    verdict: 'fail',
    scenario: 'reconnect-storm',
    durationMs: minutes * 60_000,
    checks: base.checks.map((c) => {
      if (c.id === 'heap-growth') return { ...c, status: 'fail', value: 2.05, detail: 'Slope +2.05 MB/min, 99% interval [+1.98, +2.12] is above the 1 MB/min budget.' };
      if (c.id === 'socket-bound') return { ...c, status: 'fail', value: 13, detail: 'Peak 13 sockets for 4 streams (slack 2): each reconnect keeps the old socket.' };
      if (c.id === 'fd-growth') return { ...c, status: 'inconclusive', value: 0.5, detail: 'Slope +0.5 FD/min, interval [-0.2, +1.2]; about 12 more minutes would decide.' };
      return c;
    }),
    growth: { ...base.growth, heapAfterGc: { perMin: 2.05, low: 1.98, high: 2.12, unit: 'MB/min', points: 52, leak: 'leaking' } },
    correlations: [
      { resource: 'sockets', event: 'disconnect', perEvent: 1, r2: 0.97, events: 9, text: 'each disconnect leaves +1.0 socket (R² 0.97)' },
      { resource: 'heapAfterGc', event: 'disconnect', perEvent: 38_912, r2: 0.91 },
    ],
    heapDiff: {
      growers: [
        { constructor: 'WebSocket', countDelta: 9, selfSizeDeltaBytes: 2_304, retainedSizeDeltaBytes: 4_718_592 },
        { constructor: 'Array', countDelta: 1_204, selfSizeDeltaBytes: 96_320, retainedSizeDeltaBytes: 1_310_720 },
      ],
      leakCandidates: [{ constructor: 'WebSocket', count: 9, retainedBytes: 4_718_592, retainerPath: ['(GC roots)', 'Connection', 'sockets', 'Set', 'WebSocket'] }],
    },
    events: events(minutes),
    series: series(minutes, 2, 11),
    targetExit: undefined,
    notes: [],
  };
}

/** A run of a non-Node target: no agent, so no GC, event loop, heap or messages. */
export function noAgentReport(): ReportData {
  const base = passingReport();
  return {
    ...base,
    verdict: 'inconclusive',
    target: 'python3 collector.py',
    checks: base.checks.map((c) => (c.id === 'gc-pause' || c.id === 'event-loop' || c.id === 'handle-growth' ? { ...c, status: 'skipped', value: null, detail: 'Not observable without the agent.' } : c.id === 'heap-growth' ? { ...c, status: 'inconclusive', value: null, detail: 'Only 3 minutes of data; about 9 more minutes would decide.' } : c)),
    gcPauseMs: null,
    eventLoopMs: null,
    growth: { rss: base.growth.rss as NonNullable<ReportData['growth']['rss']> },
    gcPauseHistogram: { boundsMs: [], counts: [] },
    series: { ...base.series, heapUsedBytes: base.series.t.map(() => null), heapAfterGc: { t: [], bytes: [] }, messagesPerSec: base.series.t.map(() => null) },
    integrity: { updatesApplied: null, checksumsVerified: null, checksumFailures: null, gapsInjected: 20, gapsDetected: null, resyncs: null },
    targetExit: { code: 1, signal: null, lastStderr: ['Traceback (most recent call last):', '  File "collector.py", line 12', 'MemoryError'] },
  };
}

/** The hostile strings: each tries to end a script, a CDATA section, a Markdown table or an HTML attribute. */
export const HOSTILE = '</script><script>window.__pwned=1</script>]]><!-- | *x* "\'&amp; \u0001';

/** A failing run whose scenario, target, details, event kinds and retainer paths are all hostile. */
export function hostileReport(): ReportData {
  const base = failingReport();
  return {
    ...base,
    scenario: `evil${HOSTILE}`,
    target: `node -e "${HOSTILE}"`,
    checks: base.checks.map((c) => ({ ...c, title: `${c.title} ${HOSTILE}`, detail: `${c.detail} ${HOSTILE}`, unit: c.unit === 'ms' ? '<b>ms</b>' : c.unit })),
    growth: { ...base.growth, [`<img src=x onerror=alert(1)>`]: { perMin: 1, low: 0, high: 2, unit: '<i>u</i>', points: 3 } },
    correlations: [{ resource: HOSTILE, event: '<svg onload=alert(1)>', perEvent: 1, r2: 0.5 }],
    heapDiff: {
      growers: [{ constructor: `<script>alert(1)</script>`, countDelta: 1, selfSizeDeltaBytes: 1, retainedSizeDeltaBytes: 1 }],
      leakCandidates: [{ constructor: HOSTILE, count: 1, retainedBytes: 10, retainerPath: ['(GC roots)', '</script><script>alert(2)</script>', ']]>'] }],
    },
    events: [...base.events, { t: 5_000, kind: `</script><img src=x onerror=alert(3)>`, exchange: HOSTILE }],
    targetExit: { code: null, signal: 'SIGKILL', lastStderr: [HOSTILE] },
    notes: [HOSTILE],
  };
}
