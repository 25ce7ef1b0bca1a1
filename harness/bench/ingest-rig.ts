/**
 * The rig of the socket benchmarks (3, 4 and 5): a flooding mock Binance in its own process, one consumer at
 * a time reading from it over 127.0.0.1 (the collector, or the bare ws client), and measured windows that
 * read both sides' message counts and CPU times at the start and the end. Only one consumer is connected at
 * a time: the flood is paced by the fastest reader, so a second one would be dropped as a slow reader.
 */
import type { BareClientMessage } from './bare-client-child.ts';
import { benchFile } from './bench-paths.ts';
import { CollectorChild, type ConsumerCounters, type ExtraEnv } from './collector-child.ts';
import { IpcChild } from './ipc-child.ts';
import { FLOOD_SYMBOL, type MockChildMessage } from './flood-feed.ts';

/** Something that reads the flood and can say how much it read and at what CPU cost. */
export interface Consumer {
  readonly label: string;
  counters(): Promise<ConsumerCounters>;
  close(): Promise<void>;
}

/** One measured window; `wallMs` spans the consumer's own clock readings at its edges. */
export interface IngestWindow {
  wallMs: number;
  messages: number;
  cpuMs: number;
  mockMessages: number;
  mockCpuMs: number;
  mockWallMs: number;
}

/** The flooding mock. */
export class FloodMock {
  readonly wsUrl: string;
  readonly restUrl: string;
  #child: IpcChild<MockChildMessage>;

  private constructor(child: IpcChild<MockChildMessage>, wsUrl: string, restUrl: string) {
    this.#child = child;
    this.wsUrl = wsUrl;
    this.restUrl = restUrl;
  }

  /** Starts the mock child and waits until it listens. */
  static async start(): Promise<FloodMock> {
    const { child, ready } = await IpcChild.start<MockChildMessage>(benchFile('mock-child.ts'), [], 60_000);
    return new FloodMock(child, ready.wsUrl, ready.restUrl);
  }

  /** The combined-stream URL the collector subscribes to. */
  get streamUrl(): string {
    return `${this.wsUrl}/stream?streams=${FLOOD_SYMBOL.toLowerCase()}@depth@100ms`;
  }

  /** The mock's messages pushed, CPU time and dropped clients so far. */
  async stats(): Promise<{ messages: number; cpuMs: number; clientsDropped: number; atMs: number }> {
    const stats = await this.#child.request('stats', 60_000);
    return { messages: stats.messagesSent, cpuMs: stats.cpuMs, clientsDropped: stats.clientsDropped, atMs: stats.atMs };
  }

  close(): Promise<void> {
    return this.#child.close();
  }
}

/** Starts the built-in collector against the mock (optionally with extra env, e.g. the agent). */
export async function startCollectorConsumer(mock: FloodMock, extraEnv: ExtraEnv = {}, label = 'soakbook collector'): Promise<Consumer & { collector: CollectorChild }> {
  const collector = await CollectorChild.start({ wsUrl: mock.wsUrl, restUrl: mock.restUrl, symbols: [FLOOD_SYMBOL] }, extraEnv);
  return { label, collector, counters: () => collector.counters(), close: () => collector.stop() };
}

/** Starts the bare ws client against the mock. */
export async function startBareConsumer(mock: FloodMock): Promise<Consumer> {
  const { child } = await IpcChild.start<BareClientMessage>(benchFile('bare-client-child.ts'), [mock.streamUrl], 60_000);
  return {
    label: 'bare ws client (JSON.parse only)',
    counters: async () => {
      const stats = await child.request('stats', 60_000);
      return { messages: stats.messages, cpuMs: stats.cpuMs, atMs: stats.atMs };
    },
    close: () => child.close(),
  };
}

/** Waits until the consumer has read `messages` (the flood runs and, for the collector, its book is live). */
export async function waitFlowing(consumer: Consumer, messages: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { messages: seen } = await consumer.counters();
    if (seen >= messages) return;
    if (Date.now() > deadline) throw new Error(`${consumer.label} read ${seen} of ${messages} messages within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Measures one window of `durationMs` (optionally running `during` meanwhile, e.g. a load generator). */
export async function measureWindow(mock: FloodMock, consumer: Consumer, durationMs: number, during?: () => Promise<unknown>): Promise<IngestWindow> {
  const c0 = await consumer.counters();
  const m0 = await mock.stats();
  if (during) await during();
  else await new Promise((resolve) => setTimeout(resolve, durationMs));
  const c1 = await consumer.counters();
  const m1 = await mock.stats();
  if (m1.clientsDropped > m0.clientsDropped) throw new Error(`the mock dropped ${consumer.label} as a slow reader during the window`);
  return {
    wallMs: c1.atMs - c0.atMs,
    messages: c1.messages - c0.messages,
    cpuMs: c1.cpuMs - c0.cpuMs,
    mockMessages: m1.messages - m0.messages,
    mockCpuMs: m1.cpuMs - m0.cpuMs,
    mockWallMs: m1.atMs - m0.atMs,
  };
}

/** Messages per consumer CPU-second of a window. */
export function perCpuSecond(window: IngestWindow): number {
  return window.cpuMs > 0 ? (window.messages * 1000) / window.cpuMs : NaN;
}

/** Messages per wall-second of a window. */
export function perWallSecond(window: IngestWindow): number {
  return window.wallMs > 0 ? (window.messages * 1000) / window.wallMs : NaN;
}
