/**
 * What the socket benchmarks' flooding mock serves and how it talks to its parent: the feed settings, the
 * symbol, and the IPC messages of mock-child.ts (kept apart from the child's entry code, which runs on load).
 */

/** Synthetic feed of the socket benchmarks: one symbol, ~1,000 levels a side, 4 level changes per message. */
export const FLOOD_FEED = { seed: 20_261_124, depthPerSide: 1000, levelsPerMessage: 4 } as const;

/** The symbol every socket benchmark subscribes to. */
export const FLOOD_SYMBOL = 'BTCUSDT';

/** Parent → mock child. */
export type MockChildRequest = { type: 'stats' };

/** Mock child → parent; `atMs` is the child's wall clock (Date.now()) when it read its counters. */
export type MockChildMessage =
  | { type: 'ready'; wsUrl: string; restUrl: string; symbols: string[] }
  | { type: 'stats'; atMs: number; cpuMs: number; messagesSent: number; bytesSent: number; clientsDropped: number; connections: number }
  | { type: 'error'; message: string };
