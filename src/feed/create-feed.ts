/**
 * The one entry point the rest of the collector uses to get a feed: it picks the implementation for
 * `config.exchange` (Binance spot, Binance USD-M futures, OKX).
 */
import { binanceFuturesRules, binanceSpotRules } from '../exchanges/index.ts';
import { BinanceFeed } from './binance-feed.ts';
import type { ExchangeFeed, FeedConfig, FeedObserver } from './feed-types.ts';
import { OkxFeed } from './okx-feed.ts';
import { validateFeedConfig } from './validate-feed-config.ts';

/** Builds the feed for `config.exchange`; nothing connects until start(). Throws COLLECTOR_ERR_CONFIG on a bad config. */
export function createFeed(config: FeedConfig, observer: FeedObserver): ExchangeFeed {
  validateFeedConfig(config);
  switch (config.exchange) {
    case 'binance':
      return new BinanceFeed(config, binanceSpotRules, observer);
    case 'binance-futures':
      return new BinanceFeed(config, binanceFuturesRules, observer);
    case 'okx':
      return new OkxFeed(config, observer);
  }
}
