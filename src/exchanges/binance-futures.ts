/**
 * Binance USD-M futures diff-depth rules (https://developers.binance.com/docs/derivatives/usds-margined-futures/
 * websocket-market-streams/How-to-manage-a-local-order-book-correctly): drop diffs with `u < lastUpdateId`; the
 * first applied diff has `U <= lastUpdateId <= u`; every later one has `pu == previous u`.
 */
import type { BinanceSyncRules } from './binance-book-sync.ts';

/** Sequence rules and REST path for Binance USD-M futures. */
export const binanceFuturesRules: BinanceSyncRules = {
  exchange: 'binance-futures',
  snapshotPath: '/fapi/v1/depth',
  coveredBySnapshot: (event, snapshotId) => event.finalUpdateId < snapshotId,
  straddlesSnapshot: (event, snapshotId) => event.firstUpdateId <= snapshotId && snapshotId <= event.finalUpdateId,
  continues: (event, lastFinalId) => event.prevFinalUpdateId === lastFinalId,
  gapIds: (event, lastFinalId) => [lastFinalId, event.prevFinalUpdateId],
};
