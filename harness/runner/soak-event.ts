/**
 * One line of events.ndjson: an injected fault or a lifecycle step (see ../shared/DESIGN.md, "Events").
 * Analysis correlates resource growth with these.
 */
export type SoakEventKind =
  // faults (injected by the mock exchanges)
  | 'disconnect'
  | 'reset'
  | 'half-open'
  | 'data-stop'
  | 'gap'
  | 'duplicate'
  | 'reorder'
  | 'malformed'
  | 'oversize'
  | 'unknown-message'
  | 'snapshot-429'
  | 'snapshot-418'
  | 'snapshot-500'
  | 'slow-snapshot'
  | 'stale-snapshot'
  | 'subscribe-rejected'
  | 'sequence-reset'
  | 'burst'
  | 'slow-reader'
  | 'client-dropped'
  // lifecycle (written by the runner and probes)
  | 'run-start'
  | 'target-start'
  | 'target-exit'
  | 'warmup-end'
  | 'heap-snapshot'
  | 'gc-forced'
  | 'connection'
  | 'agent-connected'
  | 'integrity-mismatch'
  | 'run-stop';

export interface SoakEvent {
  /** ms since run start */
  t: number;
  kind: SoakEventKind;
  /** `binance`, `okx`, or `harness` for lifecycle steps */
  exchange: string;
  symbol?: string;
  detail: Record<string, unknown>;
}
