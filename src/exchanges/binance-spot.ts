/**
 * Binance spot diff-depth rules (https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams,
 * "How to manage a local order book correctly"): drop diffs with `u <= lastUpdateId`; the first applied diff
 * has `U <= lastUpdateId + 1 <= u`; every later one has `U == previous u + 1`.
 */
import type { BinanceSyncRules } from './binance-book-sync.ts';

/** Sequence rules and REST path for Binance spot. */
export const binanceSpotRules: BinanceSyncRules = {
  exchange: 'binance',
  snapshotPath: '/api/v3/depth',
  coveredBySnapshot: (event, snapshotId) => event.finalUpdateId <= snapshotId,
  straddlesSnapshot: (event, snapshotId) => event.firstUpdateId <= snapshotId + 1 && snapshotId + 1 <= event.finalUpdateId,
  continues: (event, lastFinalId) => event.firstUpdateId === lastFinalId + 1,
  gapIds: (event, lastFinalId) => [lastFinalId + 1, event.firstUpdateId],
};

/** The combined-stream URL for a set of symbols: `${wsUrl}/stream?streams=btcusdt@depth@100ms/…`. */
export function binanceStreamUrl(wsUrl: string, symbols: readonly string[]): string {
  const base = wsUrl.endsWith('/') ? wsUrl.slice(0, -1) : wsUrl;
  return `${base}/stream?streams=${symbols.map((s) => `${s.toLowerCase()}@depth@100ms`).join('/')}`;
}

/** Snapshot depths Binance accepts (both products); the smallest one covering the cap is asked for. */
const SNAPSHOT_LIMITS = [5, 10, 20, 50, 100, 500, 1000] as const;

/** The REST snapshot URL for one symbol, asking for at least `maxDepthPerSide` levels (at most 1000). */
export function binanceSnapshotUrl(restUrl: string, rules: BinanceSyncRules, symbol: string, maxDepthPerSide: number): string {
  const base = restUrl.endsWith('/') ? restUrl.slice(0, -1) : restUrl;
  const limit = SNAPSHOT_LIMITS.find((l) => l >= maxDepthPerSide) ?? 1000;
  return `${base}${rules.snapshotPath}?symbol=${encodeURIComponent(symbol.toUpperCase())}&limit=${limit}`;
}
