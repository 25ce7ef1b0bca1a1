/**
 * The shape of a soak scenario (scenarios/*.ts): feed, symbols, fault schedule, duration, warm-up, sampling,
 * heap-snapshot plan, integrity checkpoints and budgets. Validated with zod at the boundary, so a bad
 * scenario is one clear line before anything starts.
 */
import { z } from 'zod';

const FAULT_KINDS = [
  'disconnect', 'reset', 'half-open', 'data-stop', 'gap', 'duplicate', 'reorder', 'malformed', 'oversize',
  'unknown-message', 'snapshot-429', 'snapshot-418', 'snapshot-500', 'slow-snapshot', 'stale-snapshot',
  'subscribe-rejected', 'sequence-reset', 'burst', 'slow-reader',
] as const;

/** Every fault kind a mock exchange can inject (mirrors FaultKind in harness/exchange/fault-spec.ts). */
export const ALL_FAULT_KINDS: readonly (typeof FAULT_KINDS)[number][] = FAULT_KINDS;

const exchangeName = z.enum(['binance', 'okx']);
const ms = z.number().int().nonnegative();
// Symbols go into URLs and stream names: keep them to what exchanges use.
const binanceSymbol = z.string().regex(/^[A-Z0-9]{2,20}$/, 'Binance symbols look like BTCUSDT');
const okxSymbol = z.string().regex(/^[A-Z0-9]{1,12}(-[A-Z0-9]{1,12}){1,3}$/, 'OKX instIds look like BTC-USDT');

const faultSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  exchange: exchangeName.optional(),
  symbol: z.string().min(1).optional(),
  atMs: ms,
  everyMs: z.number().int().positive().min(100).optional(),
  jitterMs: ms.optional(),
  params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});

const feedSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('synthetic'),
    messagesPerSecondPerSymbol: z.number().positive().max(10_000),
    depthPerSide: z.number().int().min(1).max(5000).optional(),
    levelsPerMessage: z.number().positive().max(1000).optional(),
  }),
  z.strictObject({
    kind: z.literal('replay'),
    file: z.string().min(1),
    speed: z.number().nonnegative().max(10_000),
    loop: z.boolean(),
  }),
]);

/** Budgets a scenario may tighten (keys of Budgets in harness/analysis); absent fields take DESIGN.md's defaults. */
export const budgetsSchema = z.strictObject({
  heapGrowthMbPerMin: z.number().positive().optional(),
  heapGrowthAlertMbPerMin: z.number().positive().optional(),
  leakFloorMbPerHour: z.number().positive().optional(),
  rssGrowthMbPerMin: z.number().positive().optional(),
  externalGrowthMbPerMin: z.number().positive().optional(),
  fdGrowthPerMin: z.number().positive().optional(),
  maxOpenFds: z.number().int().positive().optional(),
  handleGrowthPerMin: z.number().positive().optional(),
  gcPauseP95Ms: z.number().positive().optional(),
  eventLoopP99Ms: z.number().positive().optional(),
  leakedObjects: z.number().int().nonnegative().optional(),
  cleanHours: z.number().int().nonnegative().optional(),
  /** Sockets allowed above the streams the scenario opens (metrics scrapes, a REST snapshot in flight). */
  socketSlack: z.number().int().nonnegative().optional(),
});

/** When heap snapshots are taken (a snapshot spoils later GC/RSS figures, so the default is none). */
const heapSnapshotSchema = z.strictObject({
  plan: z.enum(['none', 'final', 'three']),
  /**
   * Which process is snapshotted. `twin` (default): a second instance of the target fed the same stream, so
   * the measured process is never frozen and its GC/RSS figures stay valid for the whole run; costs a second
   * process. `target`: the measured process itself (cheap; its samples after the first snapshot are flagged).
   */
  process: z.enum(['twin', 'target']).default('twin'),
  /** For `three`: baseline and target as fractions of the run; final is taken at the end. */
  atFractions: z.tuple([z.number().gt(0).lt(1), z.number().gt(0).lt(1)]).optional(),
});

const integritySchema = z.strictObject({
  checkpointEveryMs: z.number().int().min(500),
  symbolsPerCheckpoint: z.number().int().min(1).max(50),
  depth: z.number().int().min(1).max(1000).optional(),
});

/** The validated scenario, with defaults applied. */
export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'names are lower-case words joined by dashes'),
    description: z.string().min(1),
    durationMs: z.number().int().min(1000),
    warmupMs: ms.default(0),
    sampleIntervalMs: z.number().int().min(100).max(60_000).default(1000),
    seed: z.number().int().nonnegative().default(1),
    exchanges: z.array(exchangeName).min(1).default(['binance', 'okx']),
    /** WebSocket connections the target is expected to hold; default one per fed exchange (the built-in collector). */
    streams: z.number().int().positive().max(10_000).optional(),
    symbols: z.strictObject({
      binance: z.array(binanceSymbol).max(1024).default([]),
      okx: z.array(okxSymbol).max(1024).default([]),
    }),
    feed: feedSchema,
    faults: z.array(faultSchema).max(1000).default([]),
    heapSnapshots: heapSnapshotSchema.default({ plan: 'none', process: 'twin' }),
    integrity: integritySchema.optional(),
    budgets: budgetsSchema.default({}),
  })
  .superRefine((s, ctx) => {
    for (const exchange of s.exchanges) {
      if (s.symbols[exchange].length === 0) ctx.addIssue({ code: 'custom', path: ['symbols', exchange], message: `${exchange} is fed but has no symbols` });
    }
    if (s.warmupMs >= s.durationMs) ctx.addIssue({ code: 'custom', path: ['warmupMs'], message: 'warm-up must be shorter than the run' });
    s.faults.forEach((f, i) => {
      if (f.exchange && !s.exchanges.includes(f.exchange)) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'exchange'], message: `${f.exchange} is not fed by this scenario` });
      }
    });
  });

/** A scenario as written in scenarios/*.ts (defaults may be omitted). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** A scenario after validation, every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;

/** The budgets a scenario sets (absent = analysis defaults). */
export type ScenarioBudgets = z.output<typeof budgetsSchema>;

/** Declares a scenario data file with type checking and no runtime cost. */
export function defineScenario(input: ScenarioInput): ScenarioInput {
  return input;
}
