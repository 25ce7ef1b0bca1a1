// A FeedObserver that records every call, for assertions in feed tests.
import type { BookView, ConnectionState, ExchangeId, FeedObserver, FrameFailReason, ResyncReason } from '../../../src/feed/index.ts';

/** One recorded observer call. */
export type ObservedCall =
  | { kind: 'message'; symbol: string | undefined; messageType: string }
  | { kind: 'processed'; symbol: string; levels: number }
  | { kind: 'failed'; reason: FrameFailReason; messageType: string }
  | { kind: 'gap'; symbol: string; expected: number; received: number }
  | { kind: 'resync'; symbol: string; reason: ResyncReason }
  | { kind: 'pruned'; symbol: string; levels: number }
  | { kind: 'checksum'; symbol: string; matched: boolean }
  | { kind: 'connection'; state: ConnectionState; detail: string; atMs: number }
  | { kind: 'reconnect'; reason: string };

/** Records calls in order; `of(kind)` filters them. */
export class RecordingObserver implements FeedObserver {
  readonly calls: ObservedCall[] = [];

  of<K extends ObservedCall['kind']>(kind: K): Array<Extract<ObservedCall, { kind: K }>> {
    return this.calls.filter((call): call is Extract<ObservedCall, { kind: K }> => call.kind === kind);
  }

  onMessage(_exchange: ExchangeId, symbol: string | undefined, messageType: string): void {
    this.calls.push({ kind: 'message', symbol, messageType });
  }
  onProcessed(book: BookView, levels: number): void {
    this.calls.push({ kind: 'processed', symbol: book.symbol, levels });
  }
  onFailed(_exchange: ExchangeId, reason: FrameFailReason, messageType: string): void {
    this.calls.push({ kind: 'failed', reason, messageType });
  }
  onGap(_exchange: ExchangeId, symbol: string, expected: number, received: number): void {
    this.calls.push({ kind: 'gap', symbol, expected, received });
  }
  onResync(_exchange: ExchangeId, symbol: string, reason: ResyncReason): void {
    this.calls.push({ kind: 'resync', symbol, reason });
  }
  onPruned(_exchange: ExchangeId, symbol: string, levels: number): void {
    this.calls.push({ kind: 'pruned', symbol, levels });
  }
  onChecksum(_exchange: ExchangeId, symbol: string, matched: boolean): void {
    this.calls.push({ kind: 'checksum', symbol, matched });
  }
  onConnection(_exchange: ExchangeId, state: ConnectionState, detail: string): void {
    this.calls.push({ kind: 'connection', state, detail, atMs: Date.now() });
  }
  onReconnect(_exchange: ExchangeId, reason: string): void {
    this.calls.push({ kind: 'reconnect', reason });
  }
}
