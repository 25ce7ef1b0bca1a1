/**
 * Parses an HTTP `Retry-After` header (delta-seconds or an HTTP-date) into milliseconds to wait, as Binance
 * sends it with 429 (rate limit) and 418 (IP ban) answers.
 */

/** Longest wait honoured; a longer (or absurd) header is capped so a typo cannot park a feed for days. */
export const RETRY_AFTER_MAX_MS = 3_600_000;

/** Milliseconds to wait, or undefined when the header is absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, RETRY_AFTER_MAX_MS);
  const dateMs = Date.parse(text);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.min(Math.max(0, dateMs - nowMs), RETRY_AFTER_MAX_MS);
}
