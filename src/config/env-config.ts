/**
 * Reads the target contract's SOAK_* variables (see ../shared/DESIGN.md, "Target contract") into a
 * ConfigLayer, so the harness can run the collector with no config file. A feed exists for each exchange
 * with any of its variables set; each value is checked here so an error names the variable.
 */
import { CollectorError } from '../errors.ts';
import type { ExchangeId } from '../feed/feed-types.ts';
import { EXCHANGE_IDS, SYMBOL_PATTERN, type ConfigLayer, type FeedLayer } from './collector-config.ts';

/** The variable prefix of each exchange (`SOAK_<EXCHANGE>_WS`, `_REST`, `_SYMBOLS`). */
export const ENV_PREFIXES: Record<ExchangeId, string> = {
  binance: 'SOAK_BINANCE',
  'binance-futures': 'SOAK_BINANCE_FUTURES',
  okx: 'SOAK_OKX',
};

/** The environment as a layer: feeds from SOAK_<EXCHANGE>_*, the metrics port from SOAK_METRICS_PORT. */
export function readEnvLayer(env: NodeJS.ProcessEnv): ConfigLayer {
  const layer: ConfigLayer = {};
  const feeds: FeedLayer[] = [];
  for (const exchange of EXCHANGE_IDS) {
    const prefix = ENV_PREFIXES[exchange];
    const ws = value(env, `${prefix}_WS`);
    const rest = value(env, `${prefix}_REST`);
    const symbols = value(env, `${prefix}_SYMBOLS`);
    if (ws === undefined && rest === undefined && symbols === undefined) continue;
    const feed: FeedLayer = { exchange };
    if (ws !== undefined) feed.wsUrl = url(`${prefix}_WS`, ws, ['ws:', 'wss:']);
    if (rest !== undefined) feed.restUrl = url(`${prefix}_REST`, rest, ['http:', 'https:']);
    if (symbols !== undefined) feed.symbols = symbolList(`${prefix}_SYMBOLS`, symbols);
    feeds.push(feed);
  }
  if (feeds.length > 0) layer.feeds = feeds;
  const port = value(env, 'SOAK_METRICS_PORT');
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535) fail('SOAK_METRICS_PORT', 'must be an integer 0..65535', port);
    layer.http = { port: Number(port) };
  }
  return layer;
}

/** The variable's value, undefined when unset or blank (an empty export means "not given"). */
function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === '' ? undefined : text;
}

function url(name: string, text: string, protocols: readonly string[]): string {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch (error) {
    throw new CollectorError('COLLECTOR_ERR_CONFIG', `${name}: must be a URL (got '${text}')`, { cause: error });
  }
  if (!protocols.includes(parsed.protocol)) fail(name, `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`, text);
  return text.replace(/\/+$/, '');
}

function symbolList(name: string, text: string): string[] {
  const symbols = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (symbols.length === 0) fail(name, 'needs at least one symbol', text);
  for (const symbol of symbols) if (!SYMBOL_PATTERN.test(symbol)) fail(name, `'${symbol}' does not look like BTCUSDT or BTC-USDT`, text);
  return symbols;
}

function fail(name: string, why: string, got: string): never {
  throw new CollectorError('COLLECTOR_ERR_CONFIG', `${name}: ${why} (got '${got}')`);
}
