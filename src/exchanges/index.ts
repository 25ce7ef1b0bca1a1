export { BinanceBookSync } from './binance-book-sync.ts';
export type { BinanceSyncRules, SyncOutcome } from './binance-book-sync.ts';
export { binanceSnapshotUrl, binanceSpotRules, binanceStreamUrl } from './binance-spot.ts';
export { binanceFuturesRules } from './binance-futures.ts';
export { OkxBookSync } from './okx-books.ts';
export type { OkxSyncOutcome } from './okx-books.ts';
