/**
 * Merges the configuration layers — defaults ← config file ← SOAK_* environment ← CLI flags — and validates
 * the result. Feeds merge per exchange: when the environment names any feed, exactly those feeds run (the
 * harness's target contract decides), each taking fields it lacks from the file's feed of the same exchange
 * but never from the real-exchange defaults, so a mock run can never leak traffic to the internet. Without
 * SOAK_* feeds the file's feeds run; with neither, Binance and OKX spot on the real exchanges.
 */
import { CollectorError } from '../errors.ts';
import type { FeedConfig } from '../feed/feed-types.ts';
import { readConfigFile } from './config-file.ts';
import { CONFIG_DEFAULTS, EXCHANGE_DEFAULTS, FEED_TUNING_DEFAULTS, validateConfig, type CollectorConfig, type ConfigLayer, type FeedLayer } from './collector-config.ts';
import { ENV_PREFIXES, readEnvLayer } from './env-config.ts';

/** The inputs of loadConfig; each layer is optional. */
export interface LoadConfigInput {
  /** Path of a JSON config file (the `--config` flag). */
  configPath?: string;
  /** The environment to read SOAK_* from (default: none, so tests stay hermetic). */
  env?: NodeJS.ProcessEnv;
  /** Values from CLI flags, the last word. */
  flags?: ConfigLayer;
}

/** Builds the validated configuration from its layers; throws COLLECTOR_ERR_CONFIG with one clear line. */
export function loadConfig(input: LoadConfigInput = {}): CollectorConfig {
  const file = input.configPath === undefined ? {} : readConfigFile(input.configPath);
  const env = readEnvLayer(input.env ?? {});
  return mergeLayers(file, env, input.flags ?? {});
}

/** Merges already-parsed layers (later wins) and validates the result. */
export function mergeLayers(file: ConfigLayer, env: ConfigLayer, flags: ConfigLayer): CollectorConfig {
  const layers = [file, env, flags];
  const tuning = Object.assign({}, FEED_TUNING_DEFAULTS, ...layers.map((layer) => defined(layer.feedDefaults ?? {})));
  const feeds = chooseFeeds(file, env, flags).map((feed): FeedConfig => ({ ...tuning, ...defined(feed) }) as FeedConfig);
  const merged = {
    feeds,
    http: Object.assign({}, CONFIG_DEFAULTS.http, ...layers.map((layer) => defined(layer.http ?? {}))),
    health: Object.assign({}, CONFIG_DEFAULTS.health, ...layers.map((layer) => defined(layer.health ?? {}))),
    sink: Object.assign({}, CONFIG_DEFAULTS.sink, ...layers.map((layer) => defined(layer.sink ?? {}))),
  };
  return validateConfig(merged, 'config');
}

function chooseFeeds(file: ConfigLayer, env: ConfigLayer, flags: ConfigLayer): FeedLayer[] {
  const fileFeeds = new Map<string, FeedLayer>();
  for (const feed of file.feeds ?? []) {
    if (fileFeeds.has(feed.exchange)) throw new CollectorError('COLLECTOR_ERR_CONFIG', `config file: feeds: exchange '${feed.exchange}' appears twice`);
    fileFeeds.set(feed.exchange, feed);
  }
  const override = flags.feeds ?? env.feeds;
  if (override !== undefined) return override.map((feed) => completeFromFile(feed, fileFeeds.get(feed.exchange)));
  if (file.feeds !== undefined) return file.feeds.map((feed) => ({ ...EXCHANGE_DEFAULTS[feed.exchange], ...defined(feed) }) as FeedLayer);
  return (['binance', 'okx'] as const).map((exchange): FeedLayer => ({ exchange, ...EXCHANGE_DEFAULTS[exchange] }));
}

/** An environment feed completed from the file's feed of the same exchange; missing essentials are errors. */
function completeFromFile(feed: FeedLayer, fromFile: FeedLayer | undefined): FeedLayer {
  const merged: FeedLayer = { ...defined(fromFile ?? feed), ...defined(feed) };
  const prefix = ENV_PREFIXES[feed.exchange];
  const given = [feed.wsUrl && `${prefix}_WS`, feed.restUrl && `${prefix}_REST`, feed.symbols && `${prefix}_SYMBOLS`].filter(Boolean).join(', ');
  const missing = (name: string): never => {
    throw new CollectorError('COLLECTOR_ERR_CONFIG', `${prefix}_${name}: required when ${given} is set (or set it for ${feed.exchange} in the config file)`);
  };
  if (merged.wsUrl === undefined) missing('WS');
  if (merged.symbols === undefined) missing('SYMBOLS');
  if (feed.exchange !== 'okx' && merged.restUrl === undefined) missing('REST');
  return merged;
}

/** A copy without undefined values, so spreading a layer never erases a value from a lower one. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
