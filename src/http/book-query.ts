/**
 * Validates the query of `GET /book?exchange=X&symbol=Y&depth=N` (the soak harness compares the answer
 * with its truth oracle). Pure: the server turns the result into 400 or a lookup.
 */

/** Default and maximum levels per side in a /book answer. */
export const BOOK_DEPTH_DEFAULT = 25;
export const BOOK_DEPTH_MAX = 5000;

/** A valid /book request, or why it is not one. */
export type BookQuery = { ok: true; exchange: string; symbol: string; depth: number } | { ok: false; error: string };

/** Parses and checks the query parameters against the exchanges this collector knows. */
export function parseBookQuery(params: URLSearchParams, knownExchanges: readonly string[]): BookQuery {
  const exchange = params.get('exchange');
  const symbol = params.get('symbol');
  const depthText = params.get('depth');
  if (exchange === null || exchange === '') return { ok: false, error: 'missing exchange' };
  if (!knownExchanges.includes(exchange)) return { ok: false, error: `unknown exchange '${exchange}' (one of ${knownExchanges.join(', ')})` };
  if (symbol === null || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(symbol)) return { ok: false, error: 'missing or malformed symbol' };
  let depth = BOOK_DEPTH_DEFAULT;
  if (depthText !== null) {
    depth = Number(depthText);
    if (!/^\d+$/.test(depthText) || depth < 1 || depth > BOOK_DEPTH_MAX) return { ok: false, error: `depth must be an integer 1..${BOOK_DEPTH_MAX}` };
  }
  return { ok: true, exchange, symbol, depth };
}
