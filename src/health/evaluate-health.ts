/**
 * Health semantics from the incident (see ../shared/DESIGN.md, "Health semantics"): `healthy` when every
 * feed is open, fresh and all its books are live; `degraded` (still HTTP 200) when some feed is down,
 * silent or a book is syncing, resyncing or stale; `unhealthy` (503) only when no feed is connected once the
 * start-up grace period is over. During the grace period the answer is never worse than degraded, so an
 * orchestrator does not kill a collector that is still fetching its first snapshots.
 */
import type { BookState, ConnectionState, ExchangeId } from '../feed/feed-types.ts';

/** Overall health. */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

/** What evaluateHealth needs to know of one feed. */
export interface FeedHealthInput {
  exchange: ExchangeId;
  connection: ConnectionState;
  /** Wall-clock ms of the feed's last frame, undefined before the first. */
  lastMessageAtMs: number | undefined;
  /** Each configured symbol with its book's state (undefined: no book yet). */
  books: ReadonlyArray<{ symbol: string; state: BookState | undefined }>;
}

/** Everything evaluateHealth reads; a plain value, so the rules are tested without sockets. */
export interface HealthInput {
  nowMs: number;
  startedAtMs: number;
  graceMs: number;
  /** A connected feed silent for longer than this counts as stale. */
  staleAfterMs: number;
  feeds: readonly FeedHealthInput[];
}

/** One feed in the /health answer. */
export interface FeedHealth {
  exchange: ExchangeId;
  status: 'live' | 'degraded' | 'down';
  connection: ConnectionState;
  /** ms since the last frame, or null before the first. */
  lastMessageAgeMs: number | null;
  books: Record<string, BookState | 'missing'>;
  reasons: string[];
}

/** The /health body and its HTTP status. */
export interface HealthReport {
  status: HealthStatus;
  httpStatus: 200 | 503;
  inGracePeriod: boolean;
  uptimeMs: number;
  feeds: FeedHealth[];
}

/** Applies the health rules to one moment's state. */
export function evaluateHealth(input: HealthInput): HealthReport {
  const uptimeMs = Math.max(0, input.nowMs - input.startedAtMs);
  const inGracePeriod = uptimeMs < input.graceMs;
  const feeds = input.feeds.map((feed) => feedHealth(feed, input.nowMs, input.staleAfterMs));
  const anyConnected = feeds.some((feed) => feed.connection === 'open');
  let status: HealthStatus;
  if (feeds.length > 0 && feeds.every((feed) => feed.status === 'live')) status = 'healthy';
  else if (anyConnected || inGracePeriod) status = 'degraded';
  else status = 'unhealthy';
  return { status, httpStatus: status === 'unhealthy' ? 503 : 200, inGracePeriod, uptimeMs, feeds };
}

function feedHealth(feed: FeedHealthInput, nowMs: number, staleAfterMs: number): FeedHealth {
  const reasons: string[] = [];
  const books: Record<string, BookState | 'missing'> = {};
  for (const { symbol, state } of feed.books) {
    books[symbol] = state ?? 'missing';
    if (state !== 'live') reasons.push(`${symbol} ${state ?? 'has no book yet'}`);
  }
  const lastMessageAgeMs = feed.lastMessageAtMs === undefined ? null : Math.max(0, nowMs - feed.lastMessageAtMs);
  if (feed.connection !== 'open') reasons.unshift(`socket ${feed.connection}`);
  else if (lastMessageAgeMs === null) reasons.push('no frame yet');
  else if (lastMessageAgeMs > staleAfterMs) reasons.push(`silent for ${lastMessageAgeMs} ms`);
  const status = feed.connection !== 'open' ? 'down' : reasons.length > 0 ? 'degraded' : 'live';
  return { exchange: feed.exchange, status, connection: feed.connection, lastMessageAgeMs, books, reasons };
}
