/**
 * Applies the soak CLI's flags to a loaded scenario: duration, seed, sampling, speed and `--replay`.
 * A replay feeds only the exchange the capture came from, with the symbols found in it.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SoakError } from '../errors.ts';
import type { Scenario } from './scenario-schema.ts';

/** What the CLI may change on a scenario. */
export interface ScenarioOverrides {
  durationMs?: number;
  seed?: number;
  sampleIntervalMs?: number;
  /** Replay speed (×N) for replays; rate multiplier for synthetic feeds. */
  speed?: number;
  replayFile?: string;
}

/** A capture's exchange and the symbols it carries order-book data for. */
export interface CaptureInfo {
  exchange: 'binance' | 'okx';
  symbols: string[];
}

// Reading the head is enough: captures list their symbols in the first frames.
const HEAD_BYTES = 512 * 1024;

/** Identifies a capture (fixtures/real format or NDJSON) by its name or first line, and lists its book symbols. */
export function inspectCapture(file: string): CaptureInfo {
  let head: string;
  try {
    head = readFileSync(file).subarray(0, HEAD_BYTES).toString('utf8');
  } catch (error) {
    throw new SoakError('SOAK_ERR_USAGE', `soak: --replay ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  const name = basename(file).toLowerCase();
  const firstLine = head.slice(0, head.indexOf('\n') >>> 0).toLowerCase();
  const exchange = name.includes('okx') || firstLine.includes('okx') ? 'okx' : name.includes('binance') || firstLine.includes('binance') ? 'binance' : undefined;
  if (!exchange) throw new SoakError('SOAK_ERR_USAGE', `soak: --replay ${file}: cannot tell which exchange it was captured from (name it after binance or okx)`);
  const pattern = exchange === 'binance' ? /"e":"depthUpdate","E":\d+,"s":"([A-Z0-9]+)"/g : /"channel":"books[0-9-]*","instId":"([A-Z0-9-]+)"/g;
  const symbols = new Set<string>();
  for (const match of head.matchAll(pattern)) if (match[1]) symbols.add(match[1]);
  if (symbols.size === 0) throw new SoakError('SOAK_ERR_USAGE', `soak: --replay ${file}: no order-book frames found for ${exchange}`);
  return { exchange, symbols: [...symbols].sort() };
}

/** Returns the scenario with the CLI's overrides applied (the input is not changed). */
export function applyOverrides(scenario: Scenario, overrides: ScenarioOverrides): Scenario {
  const next: Scenario = structuredClone(scenario);
  if (overrides.durationMs !== undefined) {
    next.durationMs = overrides.durationMs;
    // A shortened run keeps the scenario's warm-up share; a longer one keeps its warm-up as written.
    if (next.durationMs < scenario.durationMs) next.warmupMs = Math.floor(next.durationMs * (scenario.warmupMs / scenario.durationMs));
  }
  if (overrides.seed !== undefined) next.seed = overrides.seed;
  if (overrides.sampleIntervalMs !== undefined) next.sampleIntervalMs = overrides.sampleIntervalMs;
  if (overrides.replayFile !== undefined) {
    const capture = inspectCapture(overrides.replayFile);
    next.exchanges = [capture.exchange];
    next.symbols = { binance: [], okx: [], [capture.exchange]: capture.symbols };
    next.feed = { kind: 'replay', file: overrides.replayFile, speed: overrides.speed ?? 1, loop: true };
    next.faults = next.faults.filter((f) => f.exchange === undefined || f.exchange === capture.exchange);
    // Integrity compares books at the capture's own ids; the truth oracle follows the replay.
  } else if (overrides.speed !== undefined) {
    if (next.feed.kind === 'synthetic') next.feed.messagesPerSecondPerSymbol *= overrides.speed;
    else next.feed.speed = overrides.speed;
  }
  return next;
}
