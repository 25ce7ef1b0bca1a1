/**
 * Validates MockExchangeOptions at the boundary (scenario data, CLI flags) and fills in defaults, so the
 * servers only ever see a complete, checked configuration. Bad input is one SoakError line.
 */
import { SoakError } from '../errors.ts';
import type { FaultKind, FaultSpec } from './fault-spec.ts';
import type { FeedSource, MockExchangeOptions } from './mock-exchange-types.ts';
import type { SoakEvent } from '../runner/soak-event.ts';

/** Every fault kind, in the order fault-spec.ts lists them. */
export const FAULT_KINDS: readonly FaultKind[] = [
  'disconnect', 'reset', 'half-open', 'data-stop', 'gap', 'duplicate', 'reorder', 'malformed', 'oversize', 'unknown-message',
  'snapshot-429', 'snapshot-418', 'snapshot-500', 'slow-snapshot', 'stale-snapshot', 'subscribe-rejected', 'sequence-reset', 'burst', 'slow-reader',
];

/** Faults only one exchange can express; the others apply to both. */
const ONLY: Partial<Record<FaultKind, 'binance' | 'okx'>> = {
  'snapshot-429': 'binance',
  'snapshot-418': 'binance',
  'snapshot-500': 'binance',
  'slow-snapshot': 'binance',
  'stale-snapshot': 'binance',
  'sequence-reset': 'okx',
};

/** Whether `kind` means anything on `exchange` (others are skipped when a spec names no exchange). */
export function faultApplies(kind: FaultKind, exchange: 'binance' | 'okx'): boolean {
  const only = ONLY[kind];
  return only === undefined || only === exchange;
}

/** Options with every default filled in. */
export interface ResolvedMockOptions {
  exchange: 'binance' | 'okx';
  port: number;
  symbols: string[];
  source: FeedSource;
  depthPerSide: number;
  levelsPerMessage: number;
  faults: FaultSpec[];
  seed: number;
  pingIntervalMs: number;
  checksum: 'crc32' | 'zero';
  idleTimeoutMs: number;
  futures: boolean;
  originMs: number;
  onEvent: ((event: SoakEvent) => void) | undefined;
  maxConnectionAgeMs: number | undefined;
  tickMs: number;
  maxClientBufferedBytes: number;
  history: { ids: number; changes: number };
}

const SYMBOL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** Checks `options` and returns them resolved; throws SoakError(SOAK_ERR_SCENARIO) naming the first problem. */
export function resolveMockOptions(options: MockExchangeOptions): ResolvedMockOptions {
  const fail = (why: string): never => {
    throw new SoakError('SOAK_ERR_SCENARIO', `mock exchange: ${why}`);
  };
  const { exchange } = options;
  if (exchange !== 'binance' && exchange !== 'okx') fail(`exchange must be binance or okx (got '${String(exchange)}')`);
  if (options.host !== undefined && options.host !== '127.0.0.1') fail('host must be 127.0.0.1 (mocks listen on loopback only)');
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`port must be 0..65535 (got ${port})`);
  const symbols = options.symbols;
  if (!Array.isArray(symbols)) fail('symbols must be a list');
  if (options.source?.kind === 'synthetic' && (symbols.length < 1 || symbols.length > 500)) fail(`a synthetic feed needs 1 to 500 symbols (got ${symbols.length})`);
  for (const symbol of symbols) if (typeof symbol !== 'string' || !SYMBOL.test(symbol)) fail(`invalid symbol '${String(symbol)}'`);
  if (new Set(symbols).size !== symbols.length) fail('symbols must be distinct');
  const source = options.source;
  let depthPerSide = 100;
  let levelsPerMessage = 3;
  if (source?.kind === 'synthetic') {
    positive(source.messagesPerSecondPerSymbol, 'messagesPerSecondPerSymbol', 1_000_000, fail);
    if (!Number.isFinite(source.seed)) fail('synthetic seed must be a number');
    depthPerSide = source.depthPerSide ?? (exchange === 'okx' ? 400 : 200);
    levelsPerMessage = source.levelsPerMessage ?? 3;
    if (!Number.isInteger(depthPerSide) || depthPerSide < 5 || depthPerSide > 5000) fail(`depthPerSide must be an integer 5..5000 (got ${depthPerSide})`);
    positive(levelsPerMessage, 'levelsPerMessage', 100, fail);
  } else if (source?.kind === 'replay') {
    if (typeof source.file !== 'string' || source.file === '') fail('replay needs a file');
    if (!Number.isFinite(source.speed) || source.speed < 0 || source.speed > 100_000) fail(`replay speed must be 0 (as fast as the client reads) or a factor up to 100000 (got ${source.speed})`);
  } else {
    fail("source.kind must be 'synthetic' or 'replay'");
  }
  const faults = options.faults ?? [];
  faults.forEach((fault, index) => checkFault(fault, index, exchange, fail));
  const seed = options.seed ?? 1;
  if (!Number.isFinite(seed)) fail('seed must be a number');
  const pingIntervalMs = options.pingIntervalMs ?? 20_000;
  positive(pingIntervalMs, 'pingIntervalMs', 3_600_000, fail);
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  positive(idleTimeoutMs, 'idleTimeoutMs', 3_600_000, fail);
  const checksum = options.checksum ?? 'crc32';
  if (checksum !== 'crc32' && checksum !== 'zero') fail(`checksum must be crc32 or zero (got '${String(checksum)}')`);
  if (options.maxConnectionAgeMs !== undefined) positive(options.maxConnectionAgeMs, 'maxConnectionAgeMs', 2 ** 31 - 1, fail);
  const tickMs = options.tickMs ?? 10;
  positive(tickMs, 'tickMs', 1000, fail);
  const maxClientBufferedBytes = options.maxClientBufferedBytes ?? 5 * 1024 * 1024;
  positive(maxClientBufferedBytes, 'maxClientBufferedBytes', 1024 * 1024 * 1024, fail);
  const ids = options.truthHistoryIds ?? Math.max(256, Math.min(4096, Math.floor(262_144 / Math.max(1, symbols.length))));
  if (!Number.isInteger(ids) || ids < 1 || ids > 1_000_000) fail(`truthHistoryIds must be an integer 1..1000000 (got ${ids})`);
  return {
    exchange,
    port,
    symbols: [...symbols],
    source,
    depthPerSide,
    levelsPerMessage,
    faults: faults.map((fault) => ({ ...fault })),
    seed,
    pingIntervalMs,
    checksum,
    idleTimeoutMs,
    futures: options.futures ?? false,
    originMs: options.originMs ?? performance.now(),
    onEvent: options.onEvent,
    maxConnectionAgeMs: options.maxConnectionAgeMs,
    tickMs,
    maxClientBufferedBytes,
    // Changes per id average levelsPerMessage (+ mid moves); keep a margin so ids, not changes, bound lookback.
    history: { ids, changes: Math.ceil(ids * (Math.ceil(levelsPerMessage) * 2 + 4)) },
  };
}

function positive(value: number, name: string, max: number, fail: (why: string) => never): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) fail(`${name} must be a number above 0 and at most ${max} (got ${String(value)})`);
}

function checkFault(fault: FaultSpec, index: number, exchange: 'binance' | 'okx', fail: (why: string) => never): void {
  const at = `fault #${index + 1} (${String(fault?.kind)})`;
  if (!FAULT_KINDS.includes(fault?.kind)) fail(`${at}: unknown kind; one of ${FAULT_KINDS.join(', ')}`);
  if (fault.exchange !== undefined && fault.exchange !== 'binance' && fault.exchange !== 'okx') fail(`${at}: exchange must be binance or okx`);
  if (fault.exchange === exchange && !faultApplies(fault.kind, exchange)) fail(`${at}: does not apply to ${exchange}`);
  if (!Number.isFinite(fault.atMs) || fault.atMs < 0) fail(`${at}: atMs must be a number >= 0`);
  if (fault.everyMs !== undefined && (!Number.isFinite(fault.everyMs) || fault.everyMs < 1)) fail(`${at}: everyMs must be >= 1`);
  if (fault.jitterMs !== undefined && (!Number.isFinite(fault.jitterMs) || fault.jitterMs < 0)) fail(`${at}: jitterMs must be >= 0`);
  for (const [name, value] of Object.entries(fault.params ?? {})) {
    if (name === 'target') {
      if (value !== 'all' && value !== 'one') fail(`${at}: params.target must be all or one`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      fail(`${at}: params.${name} must be a number >= 0`);
    }
  }
  const code = fault.params?.code;
  if (code !== undefined && ![1000, 1001, 1011].includes(Number(code))) fail(`${at}: params.code must be 1000, 1001 or 1011`);
}
