/** The collector's HTTP surface: /metrics, /health and /book on one loopback server. */
export { CollectorServer } from './collector-server.ts';
export type { CollectorServerHandlers, CollectorServerOptions } from './collector-server.ts';
export { BOOK_DEPTH_DEFAULT, BOOK_DEPTH_MAX, parseBookQuery } from './book-query.ts';
export type { BookQuery } from './book-query.ts';
