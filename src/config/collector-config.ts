/**
 * The collector's configuration: its shape, its defaults (good for the real exchanges), and the zod schema
 * the merged result must pass. Layers (defaults ← config file ← SOAK_* environment ← CLI flags) are merged
 * in load-config.ts; every layer is a ConfigLayer, a deep-partial of CollectorConfig.
 */
import { z } from 'zod';
import { CollectorError } from '../errors.ts';
import type { ExchangeId, FeedConfig } from '../feed/feed-types.ts';

/** Every exchange protocol the collector speaks (the union ExchangeId, as a value). */
export const EXCHANGE_IDS = ['binance', 'binance-futures', 'okx'] as const satisfies readonly ExchangeId[];

/** Sink output: a full top-N line per interval, or a snapshot per file followed by diffs. */
export const SINK_MODES = ['snapshot', 'diff'] as const;

/** Where each exchange lives on the real internet, and what it collects when nothing says otherwise. */
export const EXCHANGE_DEFAULTS: Record<ExchangeId, { wsUrl: string; restUrl?: string; symbols: string[] }> = {
  binance: { wsUrl: 'wss://stream.binance.com:9443', restUrl: 'https://api.binance.com', symbols: ['BTCUSDT', 'ETHUSDT'] },
  'binance-futures': { wsUrl: 'wss://fstream.binance.com', restUrl: 'https://fapi.binance.com', symbols: ['BTCUSDT', 'ETHUSDT'] },
  okx: { wsUrl: 'wss://ws.okx.com:8443/ws/v5/public', symbols: ['BTC-USDT', 'ETH-USDT'] },
};

/** How a feed guards itself; the same for every feed unless a feed overrides a field. */
export type FeedTuning = Omit<FeedConfig, 'exchange' | 'wsUrl' | 'restUrl' | 'symbols'>;

/** Feed tuning defaults: OKX drops a socket silent for 30 s, so the heartbeat stays well inside that. */
export const FEED_TUNING_DEFAULTS: FeedTuning = {
  maxDepthPerSide: 5000,
  heartbeatIntervalMs: 10_000,
  reconnectInitialMs: 500,
  reconnectMaxMs: 30_000,
  snapshotTimeoutMs: 10_000,
  preSnapshotBufferLimit: 5000,
  maxFrameBytes: 1_048_576,
};

/** The whole, validated configuration of one collector. */
export interface CollectorConfig {
  feeds: FeedConfig[];
  http: { host: string; port: number };
  health: { graceMs: number; staleAfterMs: number };
  sink: {
    /** Output directory; undefined disables the sink. */
    outDir: string | undefined;
    mode: (typeof SINK_MODES)[number];
    intervalMs: number;
    /** Levels per side in each line. */
    depth: number;
    maxOpenFiles: number;
    maxQueueBytes: number;
  };
}

/** One feed as a layer gives it: the exchange plus any fields it sets. */
export type FeedLayer = { exchange: ExchangeId } & { -readonly [K in Exclude<keyof FeedConfig, 'exchange'>]?: FeedConfig[K] };

/** A deep-partial configuration: what a config file, the environment or the flags contribute. */
export interface ConfigLayer {
  feeds?: FeedLayer[];
  feedDefaults?: Partial<FeedTuning>;
  http?: Partial<CollectorConfig['http']>;
  health?: Partial<CollectorConfig['health']>;
  sink?: Partial<CollectorConfig['sink']>;
}

/** Defaults for everything but the feeds (the feeds default per exchange, see load-config.ts). */
export const CONFIG_DEFAULTS: Omit<CollectorConfig, 'feeds'> = {
  http: { host: '127.0.0.1', port: 9464 },
  health: { graceMs: 30_000, staleAfterMs: 30_000 },
  sink: { outDir: undefined, mode: 'snapshot', intervalMs: 1000, depth: 25, maxOpenFiles: 64, maxQueueBytes: 8 * 1_048_576 },
};

/** A symbol or instId as exchanges spell them (`BTCUSDT`, `BTC-USDT`, `BTC-USD-SWAP`). */
export const SYMBOL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const positiveInt = (max: number) => z.number().int().min(1).max(max);
const symbol = z.string().regex(SYMBOL_PATTERN, 'must look like BTCUSDT or BTC-USDT');
const wsUrl = z.url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' });
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** Schemas shared by the config-file schema (all optional) and the final one (all required). */
export const feedTuningShape = {
  maxDepthPerSide: positiveInt(1_000_000),
  heartbeatIntervalMs: positiveInt(600_000),
  reconnectInitialMs: positiveInt(600_000),
  reconnectMaxMs: positiveInt(3_600_000),
  snapshotTimeoutMs: positiveInt(600_000),
  preSnapshotBufferLimit: positiveInt(10_000_000),
  maxFrameBytes: positiveInt(256 * 1_048_576),
};
export const feedShape = {
  exchange: z.enum(EXCHANGE_IDS),
  wsUrl,
  restUrl: httpUrl.optional(),
  symbols: z.array(symbol).min(1, 'needs at least one symbol').max(1000),
  ...feedTuningShape,
};
export const httpShape = { host: z.string().min(1), port: z.number().int().min(0).max(65_535) };
export const healthShape = { graceMs: z.number().int().min(0).max(3_600_000), staleAfterMs: positiveInt(3_600_000) };
export const sinkShape = {
  outDir: z.string().min(1).optional(),
  mode: z.enum(SINK_MODES),
  intervalMs: z.number().int().min(10).max(3_600_000),
  depth: positiveInt(5000),
  maxOpenFiles: positiveInt(10_000),
  maxQueueBytes: z.number().int().min(1024).max(1024 * 1_048_576),
};

const finalSchema = z.strictObject({
  feeds: z
    .array(
      z
        .strictObject(feedShape)
        .refine((feed) => feed.exchange === 'okx' || feed.restUrl !== undefined, { message: 'Binance feeds need a restUrl for snapshots', path: ['restUrl'] })
        .refine((feed) => feed.reconnectMaxMs >= feed.reconnectInitialMs, { message: 'must be at least reconnectInitialMs', path: ['reconnectMaxMs'] }),
    )
    .min(1, 'at least one feed is required')
    .refine((feeds) => new Set(feeds.map((feed) => feed.exchange)).size === feeds.length, 'each exchange may appear once'),
  http: z.strictObject(httpShape),
  health: z.strictObject(healthShape),
  sink: z.strictObject(sinkShape),
});

/** Validates a merged configuration; throws COLLECTOR_ERR_CONFIG naming the first bad field. */
export function validateConfig(candidate: unknown, origin: string): CollectorConfig {
  const result = finalSchema.safeParse(candidate);
  if (!result.success) throw configIssueError(origin, result.error.issues);
  return result.data as CollectorConfig;
}

/** One line from the first zod issue: `<origin>: feeds[0].wsUrl: must be a ws:// or wss:// URL`. */
export function configIssueError(origin: string, issues: readonly z.core.$ZodIssue[]): CollectorError {
  const issue = issues[0];
  const path = issue === undefined ? '' : formatPath(issue.path);
  const message = (issue?.message ?? 'invalid').replace(/\s+/g, ' ');
  return new CollectorError('COLLECTOR_ERR_CONFIG', `${origin}: ${path === '' ? '' : `${path}: `}${message}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  return text;
}
