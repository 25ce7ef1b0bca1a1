/**
 * The mock Binance: spot `/ws/<stream>` and `/stream?streams=a/b` (plus live SUBSCRIBE/UNSUBSCRIBE/
 * LIST_SUBSCRIPTIONS), `GET /api/v3/depth` and, with `futures`, USD-M `/fapi/v1/depth` with `pu` in diffs.
 * REST snapshots come from the true book at the last id sent, so `lastUpdateId` always fits the stream;
 * server pings every pingIntervalMs and drops a client that has not ponged for three intervals.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BINANCE_LEVEL_FORMAT, binanceDepthBody, binanceDepthKey, binanceErrorBody, binanceFaultMessage, binanceStreamKey, binanceVariant, BinanceDiffMessage } from './binance-messages.ts';
import { binanceReplayCodec } from './binance-replay.ts';
import { readCapture } from './capture-file.ts';
import { ReplayFeed } from './replay-feed.ts';
import { MockExchangeBase } from './mock-exchange-base.ts';
import { SyntheticFeed } from './synthetic-feed.ts';
import type { FaultFiring } from './fault-scheduler.ts';
import type { FaultKind } from './fault-spec.ts';
import type { MockClient } from './mock-client.ts';
import type { MockFeed } from './mock-feed.ts';
import type { ResolvedMockOptions } from './resolve-mock-options.ts';

const STREAM_NAME = /^[a-z0-9]+@[A-Za-z0-9_@]+$/;
const MAX_STREAMS = 1024;

/** A REST fault armed for the next depth request. */
interface RestFault {
  kind: FaultKind;
  symbol: string | undefined;
  params: Record<string, number | string>;
}

/** The mock Binance exchange. */
export class BinanceMock extends MockExchangeBase {
  #restFaults: RestFault[] = [];
  #rejectNextSubscribe = 0;
  #url = '';

  constructor(options: ResolvedMockOptions) {
    super(options);
  }

  get wsUrl(): string {
    return this.#url.replace('http:', 'ws:');
  }

  get restUrl(): string {
    return this.#url;
  }

  override async start(): Promise<void> {
    await super.start();
    this.#url = `http://127.0.0.1:${this.hub.port}`;
  }

  protected symbolKey(symbol: string): string {
    return binanceDepthKey(symbol);
  }

  protected async createFeed(): Promise<MockFeed> {
    const { source, futures } = this.options;
    if (source.kind === 'replay') {
      const codec = binanceReplayCodec(await readCapture(source.file), source.file);
      return new ReplayFeed(codec, { speed: source.speed, loop: source.loop, history: this.options.history, hasSubscribers: () => this.hasSubscribers() });
    }
    return new SyntheticFeed(
      { symbols: this.symbols, seed: source.seed, messagesPerSecondPerSymbol: source.messagesPerSecondPerSymbol, depthPerSide: this.options.depthPerSide, levelsPerMessage: this.options.levelsPerMessage, style: 'fixed8', history: this.options.history, levelFormat: BINANCE_LEVEL_FORMAT },
      {
        diff: (diff) => new BinanceDiffMessage(diff, Date.now(), futures),
        fault: (symbol, fault) => binanceFaultMessage(symbol, fault, Date.now()),
      },
    );
  }

  route(request: IncomingMessage): { subscriptions: Array<[string, string]> } | { status: number; body: string } {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    let names: string[];
    let combined: boolean;
    if (url.pathname === '/stream') {
      combined = true;
      names = (url.searchParams.get('streams') ?? '').split('/').filter((name) => name !== '');
    } else if (url.pathname === '/ws' || url.pathname.startsWith('/ws/')) {
      combined = false;
      names = url.pathname.slice(3).split('/').filter((name) => name !== '');
    } else {
      return { status: 404, body: binanceErrorBody(-1, `unknown path ${url.pathname}`) };
    }
    if (names.length > MAX_STREAMS) return { status: 400, body: binanceErrorBody(-1, `at most ${MAX_STREAMS} streams per connection`) };
    const bad = names.find((name) => !STREAM_NAME.test(name));
    if (bad !== undefined) return { status: 400, body: binanceErrorBody(-1121, `Invalid stream name '${bad}'.`) };
    if (names.length > 0 && this.#rejectNextSubscribe > 0) {
      this.#rejectNextSubscribe--;
      return { status: 400, body: binanceErrorBody(-1121, 'Invalid symbol.') };
    }
    return { subscriptions: names.map((name) => [binanceStreamKey(name), binanceVariant(name, combined)]) };
  }

  protected onConnected(_client: MockClient): void {
    // Binance says nothing on connect; data starts with the next tick.
  }

  message(client: MockClient, data: string): void {
    let request: { method?: unknown; params?: unknown; id?: unknown };
    try {
      request = JSON.parse(data) as typeof request;
    } catch {
      client.sendText(JSON.stringify({ error: { code: 3, msg: 'Invalid JSON' }, id: null }));
      return;
    }
    const id = typeof request?.id === 'number' || typeof request?.id === 'string' ? request.id : null;
    const params = Array.isArray(request?.params) ? (request.params as unknown[]) : [];
    const combined = client.path.startsWith('/stream');
    if (request?.method === 'LIST_SUBSCRIPTIONS') {
      client.sendText(JSON.stringify({ result: [...client.subscriptions.values()].map((variant) => variant.slice(2)), id }));
      return;
    }
    if (request?.method !== 'SUBSCRIBE' && request?.method !== 'UNSUBSCRIBE') {
      client.sendText(JSON.stringify({ error: { code: 2, msg: 'Invalid request: unknown method' }, id }));
      return;
    }
    if (!params.every((name): name is string => typeof name === 'string' && STREAM_NAME.test(name))) {
      client.sendText(JSON.stringify({ error: { code: 2, msg: 'Invalid request: invalid stream name' }, id }));
      return;
    }
    if (request.method === 'SUBSCRIBE' && this.#rejectNextSubscribe > 0) {
      this.#rejectNextSubscribe--;
      client.sendText(JSON.stringify({ error: { code: 2, msg: 'Invalid request: subscription rejected' }, id }));
      return;
    }
    for (const name of params) {
      if (request.method === 'SUBSCRIBE') client.subscribe(binanceStreamKey(name), binanceVariant(name, combined));
      else client.unsubscribe(binanceStreamKey(name));
    }
    client.sendText(JSON.stringify({ result: null, id }));
  }

  request(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const futures = url.pathname.startsWith('/fapi/');
    if (request.method !== 'GET' || (futures && !this.options.futures)) return send(response, 404, binanceErrorBody(-1, 'not found'));
    switch (url.pathname) {
      case '/api/v3/ping':
      case '/fapi/v1/ping':
        return send(response, 200, '{}');
      case '/api/v3/time':
      case '/fapi/v1/time':
        return send(response, 200, `{"serverTime":${Date.now()}}`);
      case '/api/v3/depth':
      case '/fapi/v1/depth':
        return this.#depth(url, futures, response);
      default:
        return send(response, 404, binanceErrorBody(-1, 'not found'));
    }
  }

  protected applyExchangeFault(firing: FaultFiring): { symbol: string | undefined; detail: Record<string, unknown> } {
    const { spec } = firing;
    if (spec.kind === 'subscribe-rejected') {
      this.#rejectNextSubscribe++;
      return { symbol: undefined, detail: { armed: 'next subscribe (URL streams or SUBSCRIBE)' } };
    }
    this.#restFaults.push({ kind: spec.kind, symbol: spec.symbol, params: spec.params ?? {} });
    return { symbol: spec.symbol, detail: { armed: 'next depth request', ...spec.params } };
  }

  protected keepaliveIntervalMs(): number {
    return this.options.pingIntervalMs;
  }

  protected keepalive(nowMs: number): void {
    const timeoutMs = this.options.pingIntervalMs * 3;
    for (const client of this.hub.clients) {
      if (client.state === 'half-open') continue;
      // Both: the time since the last pong, and pings actually sent (a stalled event loop sends none).
      if (nowMs - client.lastPongAtMs > timeoutMs && client.unansweredPings >= 2) {
        this.hub.drop(client, 'pong-timeout', { silentMs: Math.round(nowMs - client.lastPongAtMs), unansweredPings: client.unansweredPings });
      } else {
        client.unansweredPings++;
        client.ws.ping();
      }
    }
  }

  #depth(url: URL, futures: boolean, response: ServerResponse): void {
    const symbol = url.searchParams.get('symbol') ?? '';
    if (symbol === '') return send(response, 400, binanceErrorBody(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed."));
    const limitText = url.searchParams.get('limit') ?? '100';
    if (!/^[0-9]{1,20}$/.test(limitText)) return send(response, 400, binanceErrorBody(-1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'."));
    const limit = Math.max(1, Math.min(futures ? 1000 : 5000, Number(limitText)));
    const book = this.book(symbol);
    if (!book) return send(response, 400, binanceErrorBody(-1121, 'Invalid symbol.'));
    const index = this.#restFaults.findIndex((fault) => fault.symbol === undefined || fault.symbol === symbol);
    const fault = index >= 0 ? this.#restFaults.splice(index, 1)[0] : undefined;
    const retryAfterS = String(fault?.params.retryAfterS ?? 1);
    const answer = (levelsBack: number): void => {
      const captured = levelsBack === 0 ? this.feed.restSnapshot?.(symbol) : undefined;
      if (captured) return send(response, 200, binanceDepthBody(captured.lastUpdateId, captured.bids.slice(0, limit), captured.asks.slice(0, limit), futures ? Date.now() : undefined));
      const id = levelsBack > 0 ? book.recentId(levelsBack) : book.updateId;
      const levels = book.at(id, limit) ?? book.top(limit);
      send(response, 200, binanceDepthBody(levels.updateId, levels.bids, levels.asks, futures ? Date.now() : undefined));
    };
    switch (fault?.kind) {
      case 'snapshot-429':
        return send(response, 429, binanceErrorBody(-1003, 'Too many requests; current limit is 6000 request weight per 1 MINUTE.'), { 'Retry-After': retryAfterS });
      case 'snapshot-418':
        return send(response, 418, binanceErrorBody(-1003, 'Way too many requests; IP banned.'), { 'Retry-After': retryAfterS });
      case 'snapshot-500':
        return send(response, 500, binanceErrorBody(-1001, 'Internal error; unable to process your request. Please try again.'));
      case 'slow-snapshot':
        this.timers.later(Number(fault.params.delayMs ?? 3000), () => answer(0));
        return undefined;
      case 'stale-snapshot':
        return answer(Number(fault.params.ageUpdates ?? 1000));
      default:
        return answer(0);
    }
  }
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  response.end(body);
}
