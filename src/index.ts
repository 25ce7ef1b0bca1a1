/** soakbook's collector: the public surface of src/ (the harness imports from here). */
export { createCollector } from './collector.ts';
export type { Collector, CollectorAddress, CollectorOptions, CollectorStats, FeedFactory } from './collector.ts';
export { CollectorError } from './errors.ts';
export type { CollectorErrorCode } from './errors.ts';
export * from './config/index.ts';
export * from './health/index.ts';
export * from './http/index.ts';
export * from './metrics/index.ts';
export * from './sink/index.ts';
export { createFeed } from './feed/index.ts';
export type * from './feed/feed-types.ts';
export { OrderBook } from './book/index.ts';
