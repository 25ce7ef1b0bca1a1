/**
 * A last check of a FeedConfig at the feed's own boundary (the config layer validates user input first):
 * anything that would make a feed throw later, loop, or allocate without bound is refused up front with a
 * one-line COLLECTOR_ERR_CONFIG error.
 */
import { CollectorError } from '../errors.ts';
import type { FeedConfig } from './feed-types.ts';

/** Throws CollectorError(COLLECTOR_ERR_CONFIG) naming the first bad field; returns the config unchanged. */
export function validateFeedConfig(config: FeedConfig): FeedConfig {
  const bad = (field: string, why: string): never => {
    throw new CollectorError('COLLECTOR_ERR_CONFIG', `feed ${config.exchange}: ${field} ${why}`);
  };
  if (config.exchange !== 'binance' && config.exchange !== 'binance-futures' && config.exchange !== 'okx') bad('exchange', `is not one of binance, binance-futures, okx (got ${String(config.exchange)})`);
  if (!isUrl(config.wsUrl, ['ws:', 'wss:'])) bad('wsUrl', `must be a ws:// or wss:// URL (got ${config.wsUrl})`);
  if (config.exchange !== 'okx' && !isUrl(config.restUrl, ['http:', 'https:'])) bad('restUrl', `must be an http(s) URL for Binance snapshots (got ${String(config.restUrl)})`);
  if (config.symbols.length === 0) bad('symbols', 'must name at least one symbol');
  for (const symbol of config.symbols) if (!/^[A-Za-z0-9_-]{1,40}$/.test(symbol)) bad('symbols', `contains an invalid symbol: ${JSON.stringify(symbol)}`);
  const positive: Array<[string, number]> = [
    ['maxDepthPerSide', config.maxDepthPerSide],
    ['heartbeatIntervalMs', config.heartbeatIntervalMs],
    ['reconnectMaxMs', config.reconnectMaxMs],
    ['snapshotTimeoutMs', config.snapshotTimeoutMs],
    ['preSnapshotBufferLimit', config.preSnapshotBufferLimit],
    ['maxFrameBytes', config.maxFrameBytes],
  ];
  for (const [field, value] of positive) if (!Number.isInteger(value) || value < 1) bad(field, `must be a positive integer (got ${value})`);
  if (!Number.isInteger(config.reconnectInitialMs) || config.reconnectInitialMs < 0) bad('reconnectInitialMs', `must be a non-negative integer (got ${config.reconnectInitialMs})`);
  if (config.maxDepthPerSide > 100_000) bad('maxDepthPerSide', `must be at most 100000 (got ${config.maxDepthPerSide})`);
  return config;
}

function isUrl(text: string | undefined, protocols: readonly string[]): boolean {
  return text !== undefined && URL.canParse(text) && protocols.includes(new URL(text).protocol);
}
