/**
 * The programmatic face of a mock exchange (harness/exchange), used by the runner and by tests.
 * Types only; the implementation lives beside it.
 */
import type { FaultSpec } from './fault-spec.ts';
import type { SoakEvent } from '../runner/soak-event.ts';

/** Where a mock's frames come from. */
export type FeedSource =
  | {
      kind: 'synthetic';
      /** Seed for the market generator (deterministic). */
      seed: number;
      messagesPerSecondPerSymbol: number;
      /** Levels per side the true book holds around the mid. */
      depthPerSide?: number;
      /** Level changes per message (average). */
      levelsPerMessage?: number;
    }
  | {
      kind: 'replay';
      /** A capture in the format of fixtures/real/ or soakbook's own NDJSON recording (optionally .gz). */
      file: string;
      /** ×N speed; 0 = as fast as the client reads. */
      speed: number;
      loop: boolean;
    };

export interface MockExchangeOptions {
  exchange: 'binance' | 'okx';
  /** Always loopback. */
  host?: '127.0.0.1';
  /** 0 (default) = a free port chosen at run time. */
  port?: number;
  symbols: string[];
  source: FeedSource;
  faults?: FaultSpec[];
  /** Seed for fault timing and targets. */
  seed?: number;
  /** Binance server ping interval (default 20 000). */
  pingIntervalMs?: number;
  /** OKX checksum mode (default 'crc32'). */
  checksum?: 'crc32' | 'zero';
  /** OKX idle close without client traffic (default 30 000). */
  idleTimeoutMs?: number;
  /** Binance: also serve USD-M futures (`/fapi/v1/depth`, `pu` in diffs) — default false. */
  futures?: boolean;
  /** Time origin for event `t` (performance.now() of the run start); default: the mock's start. */
  originMs?: number;
  /** Called for every injected fault and client drop. */
  onEvent?: (event: SoakEvent) => void;
  /** Each connection is closed (1001) once it is this old — the 24-hour forced disconnect, compressed; default never. */
  maxConnectionAgeMs?: number;
  /** Feed timer tick (default 10 ms); messages due are sent in one batched write per tick. */
  tickMs?: number;
  /** Unsent bytes above which a slow client is dropped (default 5 MiB). */
  maxClientBufferedBytes?: number;
  /** Update ids per symbol `truthAt` can look back (default 4096; fewer per symbol when hundreds are fed). */
  truthHistoryIds?: number;
}

/** The truth oracle: the mock's own book at the last update id it sent for a symbol. */
export interface TruthBook {
  symbol: string;
  updateId: number;
  bids: Array<[price: string, size: string]>;
  asks: Array<[price: string, size: string]>;
}

export interface MockExchangeStats {
  connections: number;
  connectionsTotal: number;
  messagesSent: number;
  bytesSent: number;
  faultsInjected: number;
  clientsDropped: number;
  restRequests: number;
}

export interface MockExchange {
  readonly exchange: 'binance' | 'okx';
  /** Binance: `ws://127.0.0.1:port` (serves /ws/<stream> and /stream?streams=); OKX: `ws://127.0.0.1:port/ws/v5/public`. */
  readonly wsUrl: string;
  /** Binance: `http://127.0.0.1:port` (serves /api/v3/depth and /fapi/v1/depth). */
  readonly restUrl?: string;
  readonly symbols: readonly string[];
  /** The true top `depth` levels (default 25) of a symbol as last sent. */
  truth(symbol: string, depth?: number): TruthBook;
  /**
   * The true top `depth` levels (default 25) right after update `updateId` (Binance `u`, OKX `seqId`), or
   * undefined when that id is older than the bounded history (or was never sent).
   */
  truthAt(symbol: string, updateId: number, depth?: number): TruthBook | undefined;
  stats(): MockExchangeStats;
  /** Stops feeding, closes every client and the servers. */
  close(): Promise<void>;
}
