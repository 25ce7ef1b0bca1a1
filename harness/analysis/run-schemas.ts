/**
 * Validation of what a run directory holds (meta.json, each samples/events line, heapdiff.json): files are a
 * boundary, written by another process that may have been killed mid-write or be a different version.
 */
import { z } from 'zod';

const count = z.number().finite().nonnegative();
const ms = z.number().finite();

/** meta.json. Budgets may be partial (merged over DEFAULT_BUDGETS); extra fields are kept by passthrough-free parse. */
export const runMetaSchema = z.object({
  scenario: z.string().min(1),
  target: z.string(),
  startedAt: z.string(),
  argv: z.array(z.string()),
  versions: z.object({ node: z.string(), soakbook: z.string() }),
  gitSha: z.string(),
  host: z.object({ cpu: z.string(), cores: count, memBytes: count }),
  budgets: z.record(z.string(), z.number().finite()),
  warmupMs: count,
  sampleIntervalMs: z.number().finite().positive(),
  streamsOpened: count,
  socketSlack: count,
  snapshotPlan: z.object({ atMs: z.array(ms) }).optional(),
  targetExit: z.object({ code: z.number().int().nullable(), signal: z.string().nullable(), lastStderr: z.array(z.string()) }).optional(),
});

const gcKind = z.object({ count, totalPauseMs: count });

/** One samples.ndjson line; only t, rss, fds, sockets and cpu are required (other fields are absent when unseen). */
export const sampleSchema = z.object({
  t: ms,
  rss: count,
  heapUsed: count.optional(),
  heapTotal: count.optional(),
  external: count.optional(),
  arrayBuffers: count.optional(),
  heapAfterGc: z.array(count).optional(),
  fds: z.object({ total: count, socket: count, file: count, pipe: count, anon: count, other: count }),
  sockets: z.object({ established: count, closeWait: count, timeWait: count, listen: count, other: count, total: count }),
  threads: count.optional(),
  handles: z.record(z.string(), count).optional(),
  gc: z
    .object({
      count,
      totalPauseMs: count,
      maxPauseMs: count,
      pausesMs: z.array(count),
      byKind: z.object({ minor: gcKind, major: gcKind, incremental: gcKind, weakcb: gcKind }),
      pausesByKindMs: z.object({ minor: z.array(count), major: z.array(count), incremental: z.array(count), weakcb: z.array(count) }).partial().optional(),
    })
    .optional(),
  eventLoop: z.object({ p50: count, p99: count, max: count }).optional(),
  cpu: z.object({ user: count, system: count }),
  collector: z
    .object({
      messages: count, gaps: count, resyncs: count, reconnects: count, books: count, levels: count, failed: count,
      checksumsVerified: count.optional(),
      checksumFailures: count.optional(),
      updatesApplied: count.optional(),
      connectionStatus: z.record(z.string(), count).optional(),
    })
    .optional(),
  afterHeapSnapshot: z.boolean().optional(),
});

/** One events.ndjson line; unknown kinds are kept (a newer runner may add some) and treated as faults. */
export const eventSchema = z.object({
  t: ms,
  kind: z.string().min(1),
  exchange: z.string(),
  symbol: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).default({}),
});

/** heapdiff.json as the heap-diff step writes it (only the fields the report uses are checked). */
export const heapDiffSchema = z.object({
  growers: z.array(z.object({ constructor: z.string(), countDelta: z.number(), selfSizeDeltaBytes: z.number(), retainedSizeDeltaBytes: z.number() }).loose()),
  leakCandidates: z.array(z.object({ constructor: z.string(), count: count, retainedBytes: z.number(), retainerPath: z.array(z.string()) }).loose()),
}).loose();

/** alerts/alerts.json, written by `soak --alerts` (harness/alerts). */
export const alertsSchema = z.array(
  z.object({
    alert: z.string(),
    severity: z.string(),
    fired: z.boolean(),
    firstFiredAtMs: z.number().nullable(),
    status: z.enum(['fired', 'silent', 'too-short', 'not-evaluable']),
    detail: z.string(),
  }).loose(),
);

/** First issue of a zod error as one short line: `budgets.heapGrowthMbPerMin: expected number`. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}
