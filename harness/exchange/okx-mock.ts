/**
 * The mock OKX v5 public endpoint (`/ws/v5/public`): subscribe/unsubscribe ops with acks and error events,
 * `books` snapshot on subscribe then updates with `prevSeqId`/`seqId` and a CRC-32 (or zero) checksum,
 * text `ping` → `pong`, and the idle close after idleTimeoutMs without client traffic.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebSocket } from 'ws';
import { MockExchangeBase } from './mock-exchange-base.ts';
import { OKX_BOOK_CHANNELS, OKX_LEVEL_FORMAT, OKX_OTHER_CHANNELS, okxError, okxEvent, okxFaultMessage, okxKey, okxSnapshotText, OkxUpdateMessage } from './okx-messages.ts';
import { SyntheticFeed } from './synthetic-feed.ts';
import { readCapture } from './capture-file.ts';
import { okxReplayCodec } from './okx-replay.ts';
import { ReplayFeed } from './replay-feed.ts';
import type { FaultFiring } from './fault-scheduler.ts';
import type { MockClient } from './mock-client.ts';
import type { MockFeed } from './mock-feed.ts';
import type { ResolvedMockOptions } from './resolve-mock-options.ts';

const PATH = '/ws/v5/public';

/** The mock OKX exchange. */
export class OkxMock extends MockExchangeBase {
  #rejectNextSubscribe = 0;
  #url = '';
  /** False for replays of captures that predate seqIds, so built snapshots match the feed's era. */
  protected withSeqIds = true;

  constructor(options: ResolvedMockOptions) {
    super(options);
  }

  get wsUrl(): string {
    return this.#url;
  }

  override async start(): Promise<void> {
    await super.start();
    this.#url = `ws://127.0.0.1:${this.hub.port}${PATH}`;
  }

  protected symbolKey(symbol: string): string {
    return `books:${symbol}`;
  }

  protected async createFeed(): Promise<MockFeed> {
    const { source, checksum } = this.options;
    if (source.kind === 'replay') {
      const codec = okxReplayCodec(await readCapture(source.file), source.file);
      this.withSeqIds = codec.withSeqIds;
      return new ReplayFeed(codec, { speed: source.speed, loop: source.loop, history: this.options.history, hasSubscribers: () => this.hasSubscribers() });
    }
    return new SyntheticFeed(
      { symbols: this.symbols, seed: source.seed, messagesPerSecondPerSymbol: source.messagesPerSecondPerSymbol, depthPerSide: this.options.depthPerSide, levelsPerMessage: this.options.levelsPerMessage, style: 'trimmed', history: this.options.history, levelFormat: OKX_LEVEL_FORMAT, checksumTags: checksum === 'crc32' },
      {
        diff: (diff, book) => new OkxUpdateMessage(diff, book, checksum, Date.now()),
        fault: (symbol, fault) => okxFaultMessage(symbol, fault, Date.now()),
      },
    );
  }

  route(request: IncomingMessage): { subscriptions: Array<[string, string]> } | { status: number; body: string } {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== PATH) return { status: 404, body: okxError('60018', `Wrong URL: ${path}`) };
    return { subscriptions: [] };
  }

  request(_request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(404, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ code: '50000', msg: 'the mock OKX serves only the public WebSocket' }));
  }

  protected onConnected(_client: MockClient): void {
    // OKX says nothing until the client subscribes.
  }

  message(client: MockClient, data: string): void {
    if (data === 'ping') {
      client.sendText('pong');
      return;
    }
    let request: { op?: unknown; args?: unknown; id?: unknown };
    try {
      request = JSON.parse(data) as typeof request;
    } catch {
      client.sendText(okxError('60012', `Invalid request: ${data.slice(0, 200)}`));
      return;
    }
    const id = typeof request?.id === 'string' ? request.id : undefined;
    if ((request?.op !== 'subscribe' && request?.op !== 'unsubscribe') || !Array.isArray(request.args)) {
      client.sendText(okxError('60012', `Invalid request: ${data.slice(0, 200)}`, id));
      return;
    }
    const subscribe = request.op === 'subscribe';
    if (subscribe && this.#rejectNextSubscribe > 0) {
      this.#rejectNextSubscribe--;
      client.sendText(okxError('60018', 'Subscription rejected (mock fault): please retry later', id));
      return;
    }
    for (const arg of request.args as unknown[]) {
      const { channel, instId } = (arg ?? {}) as { channel?: unknown; instId?: unknown };
      const isBook = typeof channel === 'string' && OKX_BOOK_CHANNELS.has(channel);
      const known = typeof channel === 'string' && (isBook || OKX_OTHER_CHANNELS.has(channel));
      if (!known || typeof instId !== 'string' || !this.symbols.includes(instId)) {
        client.sendText(okxError('60018', `Wrong URL or channel:${String(channel)},instId:${String(instId)} doesn't exist. Please use the correct URL, channel and parameters referring to API document.`, id));
        continue;
      }
      const key = okxKey(channel, instId);
      if (subscribe) {
        client.subscribe(key, channel);
        client.sendText(okxEvent('subscribe', { channel, instId }, id));
        const book = this.book(instId);
        if (isBook && book && this.hasBook(instId)) client.sendText(okxSnapshotText(channel, book, this.options.checksum, Date.now(), this.withSeqIds));
      } else {
        client.unsubscribe(key);
        client.sendText(okxEvent('unsubscribe', { channel, instId }, id));
      }
    }
  }

  /** Whether a book exists yet for `instId` (a replay knows it only once its first snapshot has played). */
  protected hasBook(instId: string): boolean {
    return (this.book(instId)?.updateId ?? 0) !== 0;
  }

  protected applyExchangeFault(firing: FaultFiring): { symbol: string | undefined; detail: Record<string, unknown> } {
    this.#rejectNextSubscribe++;
    return { symbol: undefined, detail: { armed: `next subscribe (${firing.spec.kind})` } };
  }

  protected keepaliveIntervalMs(): number {
    return Math.min(1000, this.options.idleTimeoutMs / 4);
  }

  protected keepalive(nowMs: number): void {
    for (const client of this.hub.clients) {
      if (client.state === 'half-open' || client.ws.readyState !== WebSocket.OPEN || nowMs - client.lastHeardAtMs <= this.options.idleTimeoutMs) continue;
      this.hub.emit('client-dropped', undefined, { client: client.id, path: client.path, reason: 'idle', idleMs: Math.round(nowMs - client.lastHeardAtMs) });
      this.hub.counters.clientsDropped++;
      client.ws.close(4004, 'No data received in 30s.');
    }
  }
}
