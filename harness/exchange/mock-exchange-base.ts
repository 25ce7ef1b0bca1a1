/**
 * What both mock exchanges share above the sockets: the feed and its clock, the fault schedule and the
 * faults that are not protocol-specific, the truth oracle, keepalive, stats, and an orderly close().
 * Binance and OKX subclasses add routing, their message handling and their own faults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SoakError } from '../errors.ts';
import { applyConnectionFault, CONNECTION_FAULTS } from './connection-faults.ts';
import { FaultScheduler, type FaultFiring } from './fault-scheduler.ts';
import { FeedClock } from './feed-clock.ts';
import { MockHub, type HubHandlers } from './mock-hub.ts';
import { faultApplies, type ResolvedMockOptions } from './resolve-mock-options.ts';
import { TimerSet } from './timer-set.ts';
import type { MockClient } from './mock-client.ts';
import type { MockFeed } from './mock-feed.ts';
import type { MockExchange, MockExchangeStats, TruthBook } from './mock-exchange-types.ts';
import type { TrueBook } from './true-book.ts';

/** Base of BinanceMock and OkxMock. */
export abstract class MockExchangeBase implements MockExchange, HubHandlers {
  readonly exchange: 'binance' | 'okx';
  protected readonly options: ResolvedMockOptions;
  protected readonly hub: MockHub;
  protected readonly timers = new TimerSet();
  #feed: MockFeed | undefined;
  #clock: FeedClock | undefined;
  #scheduler: FaultScheduler | undefined;
  #keepalive: NodeJS.Timeout | undefined;
  #closed = false;
  #symbols: readonly string[];

  constructor(options: ResolvedMockOptions) {
    this.options = options;
    this.exchange = options.exchange;
    this.#symbols = options.symbols;
    this.hub = new MockHub(options.exchange, this, options.originMs, options.onEvent, options.maxClientBufferedBytes);
  }

  abstract readonly wsUrl: string;

  /** Symbols served: as configured, or for a replay without a list, every symbol of the capture. */
  get symbols(): readonly string[] {
    return this.#symbols;
  }

  /** The running feed (after start). */
  protected get feed(): MockFeed {
    if (!this.#feed) throw new Error('mock exchange not started');
    return this.#feed;
  }

  /** Whether any client is subscribed to something (a replay waits for the first one). */
  protected hasSubscribers(): boolean {
    for (const client of this.hub.clients) if (client.receivesData) return true;
    return false;
  }

  /** Builds the feed, listens, and starts the clock, the fault schedule and keepalive. */
  async start(): Promise<void> {
    const feed = await this.createFeed();
    this.#feed = feed;
    if (this.#symbols.length === 0) this.#symbols = feed.symbols;
    const unknown = this.#symbols.find((symbol) => !feed.books.has(symbol) && !feed.symbols.includes(symbol));
    if (unknown !== undefined) throw new SoakError('SOAK_ERR_SCENARIO', `mock ${this.exchange}: symbol '${unknown}' is not in the feed (${feed.symbols.join(', ')})`);
    await this.hub.listen(this.options.port);
    const source = this.options.source;
    this.#clock = new FeedClock(this.hub, this.options.tickMs, source.kind === 'replay' && source.speed === 0, (step) => this.hub.broadcast(feed.produce(step)));
    this.#clock.start();
    this.#scheduler = new FaultScheduler(this.options.faults, this.options.seed, this.symbols, this.options.originMs, (firing) => this.#fire(firing));
    this.#scheduler.start();
    this.#keepalive = setInterval(() => this.keepalive(performance.now()), this.keepaliveIntervalMs());
  }

  truth(symbol: string, depth = 25): TruthBook {
    const top = this.#book(symbol).top(depth);
    return { symbol, updateId: top.updateId, bids: top.bids, asks: top.asks };
  }

  truthAt(symbol: string, updateId: number, depth = 25): TruthBook | undefined {
    const levels = this.#book(symbol).at(updateId, depth);
    return levels && { symbol, updateId, bids: levels.bids, asks: levels.asks };
  }

  stats(): MockExchangeStats {
    return this.hub.stats();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#scheduler?.stop();
    this.#clock?.stop();
    clearInterval(this.#keepalive);
    this.timers.clear();
    await this.hub.close();
  }

  connected(client: MockClient): void {
    const maxAgeMs = this.options.maxConnectionAgeMs;
    if (maxAgeMs !== undefined) {
      const cancel = this.timers.later(maxAgeMs, () => {
        this.hub.emit('disconnect', undefined, { clients: [client.id], code: 1001, reason: 'max-age', maxAgeMs });
        client.ws.close(1001, 'connection max age reached');
      });
      client.ws.once('close', cancel);
    }
    this.onConnected(client);
  }

  abstract route(request: IncomingMessage): { subscriptions: Array<[key: string, variant: string]> } | { status: number; body: string };
  abstract request(request: IncomingMessage, response: ServerResponse): void;
  abstract message(client: MockClient, data: string): void;

  /** Subscription key of a symbol's book stream. */
  protected abstract symbolKey(symbol: string): string;
  protected abstract createFeed(): Promise<MockFeed>;
  protected abstract onConnected(client: MockClient): void;
  /** Applies a fault only this exchange knows; returns the symbol it hit (if any) and the event detail. */
  protected abstract applyExchangeFault(firing: FaultFiring): { symbol: string | undefined; detail: Record<string, unknown> };
  protected abstract keepaliveIntervalMs(): number;
  protected abstract keepalive(nowMs: number): void;

  /** The true book of a known symbol. */
  protected book(symbol: string): TrueBook | undefined {
    return this.#feed?.books.get(symbol);
  }

  #book(symbol: string): TrueBook {
    const book = this.book(symbol);
    if (!book) throw new SoakError('SOAK_ERR_USAGE', `mock ${this.exchange}: no book for symbol '${symbol}'`);
    return book;
  }

  #fire(firing: FaultFiring): void {
    const { spec } = firing;
    if (spec.exchange !== undefined && spec.exchange !== this.exchange) return;
    if (!faultApplies(spec.kind, this.exchange)) return;
    const params = spec.params ?? {};
    let symbol: string | undefined = firing.symbol;
    let detail: Record<string, unknown>;
    if (CONNECTION_FAULTS.has(spec.kind)) {
      symbol = spec.symbol;
      detail = applyConnectionFault(this.hub, firing, (name) => this.symbolKey(name), (ms, run) => this.timers.later(ms, run));
    } else if (spec.kind === 'burst') {
      symbol = spec.symbol;
      const factor = Number(params.factor ?? 10);
      const durationMs = Number(params.durationMs ?? 5000);
      this.feed.burst(symbol, factor, performance.now() + durationMs);
      detail = { factor, durationMs };
    } else if (spec.kind === 'slow-reader') {
      symbol = undefined;
      const durationMs = Number(params.durationMs ?? 5000);
      this.#clock?.flood(durationMs);
      detail = { durationMs, maxBufferedBytes: this.options.maxClientBufferedBytes };
    } else if (spec.kind === 'gap' || spec.kind === 'duplicate' || spec.kind === 'reorder' || spec.kind === 'malformed' || spec.kind === 'unknown-message' || spec.kind === 'oversize' || spec.kind === 'sequence-reset') {
      if (symbol === undefined) return;
      if (spec.kind === 'gap') {
        const ids = Number(params.ids ?? 10);
        this.feed.inject(symbol, { kind: 'gap', ids });
        detail = { ids, afterId: this.book(symbol)?.updateId };
      } else if (spec.kind === 'sequence-reset') {
        const dropIds = Number(params.dropIds ?? 1000);
        this.feed.inject(symbol, { kind: 'sequence-reset', dropIds });
        detail = { dropIds, afterId: this.book(symbol)?.updateId };
      } else if (spec.kind === 'oversize') {
        const bytes = Number(params.bytes ?? 2 * 1024 * 1024);
        this.feed.inject(symbol, { kind: 'oversize', bytes });
        detail = { bytes };
      } else {
        this.feed.inject(symbol, { kind: spec.kind });
        detail = { afterId: this.book(symbol)?.updateId };
      }
    } else {
      ({ symbol, detail } = this.applyExchangeFault(firing));
    }
    this.hub.emit(spec.kind, symbol, { ...detail, firing: firing.firing, scheduledAtMs: Math.round(firing.atMs * 1000) / 1000 });
  }
}
