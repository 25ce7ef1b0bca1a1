/**
 * A fault the scenario schedules on a mock exchange. Deterministic: with the same seed and schedule the
 * same faults hit the same connections at the same times. Each one injected is reported as a SoakEvent
 * whose kind is the fault's kind.
 */
export type FaultKind =
  | 'disconnect' // graceful close; params.code 1000 | 1001 | 1011 (default 1001)
  | 'reset' // socket destroyed, no close frame
  | 'half-open' // stops sending and stops answering pings, keeps TCP open
  | 'data-stop' // stops sending data, still answers pings
  | 'gap' // skip params.ids (default 10) sequence ids
  | 'duplicate' // send the next frame twice
  | 'reorder' // swap the next two frames
  | 'malformed' // send a frame that is not JSON
  | 'oversize' // send a frame of params.bytes (default 2 MiB)
  | 'unknown-message' // send a well-formed frame of an unknown type
  | 'snapshot-429' // next REST snapshot answers 429 with Retry-After: params.retryAfterS (default 1)
  | 'snapshot-418'
  | 'snapshot-500'
  | 'slow-snapshot' // next REST snapshot delayed params.delayMs (default 3000)
  | 'stale-snapshot' // next REST snapshot is older than the diffs already sent
  | 'subscribe-rejected' // next OKX subscribe answered with an error event
  | 'sequence-reset' // OKX maintenance: seqId restarts lower, prevSeqId == -1 style reset as documented
  | 'burst' // ×params.factor (default 10) rate for params.durationMs
  | 'slow-reader'; // (client-side condition) server honours backpressure, drops above the 5 MiB buffer bound

export interface FaultSpec {
  kind: FaultKind;
  /** Exchange it applies to; absent = every mock in the run. */
  exchange?: 'binance' | 'okx';
  /** Symbol it applies to (sequence faults); absent = a seeded choice among the fed symbols. */
  symbol?: string;
  /** First time it fires, ms after the run starts. */
  atMs: number;
  /** Repeat period, ms; absent = once. */
  everyMs?: number;
  /** Uniform jitter added to each firing, ms (seeded). */
  jitterMs?: number;
  params?: Record<string, number | string>;
}
