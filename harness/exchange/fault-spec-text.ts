/**
 * The `--faults` syntax of the mock-exchange CLI (and of anything else that takes faults as text).
 *
 * A comma-separated list of `kind[(key=value;…)]@at[/every][~jitter][:exchange][#symbol]`, durations as
 * `500ms`, `10s`, `5m`, `2h` (bare number = seconds). Examples:
 *   `disconnect@30s/60s`                          graceful close of every connection at 30 s, then every 60 s
 *   `gap(ids=50)@10s:okx#BTC-USDT`                 skip 50 ids on OKX BTC-USDT at 10 s
 *   `snapshot-429(retryAfterS=2)@20s~5s,reset@1m`  a 429 around 20–25 s, a reset at one minute
 * Instead of text, `loadFaultSpecs` also takes a JSON array of FaultSpec, inline or as a `.json` file.
 */
import { readFile } from 'node:fs/promises';
import { SoakError } from '../errors.ts';
import { parseDurationMs } from '../cli/cli-options.ts';
import type { FaultKind, FaultSpec } from './fault-spec.ts';

const ITEM = /^([a-z0-9-]+)(?:\(([^)]*)\))?@([^/~:#]+)(?:\/([^~:#]+))?(?:~([^:#]+))?(?::([a-z]+))?(?:#(.+))?$/;

/** Parses the text syntax; throws SoakError(SOAK_ERR_USAGE) naming the bad item. Kinds are checked later, with the other options. */
export function parseFaultSpecs(text: string): FaultSpec[] {
  const specs: FaultSpec[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const fail = (why: string): never => {
      throw new SoakError('SOAK_ERR_USAGE', `--faults: '${item}': ${why} (syntax: kind[(k=v;…)]@at[/every][~jitter][:exchange][#symbol])`);
    };
    const match = ITEM.exec(item);
    if (!match) return fail('not a fault');
    const [, kind, params, at, every, jitter, exchange, symbol] = match;
    const duration = (value: string, name: string): number => parseDurationMs(value) ?? fail(`${name} '${value}' is not a duration`);
    const spec: FaultSpec = { kind: kind as FaultKind, atMs: duration(at as string, 'time') };
    if (every !== undefined) spec.everyMs = duration(every, 'period');
    if (jitter !== undefined) spec.jitterMs = duration(jitter, 'jitter');
    if (exchange !== undefined) {
      if (exchange !== 'binance' && exchange !== 'okx') fail(`exchange '${exchange}' is not binance or okx`);
      spec.exchange = exchange as 'binance' | 'okx';
    }
    if (symbol !== undefined) spec.symbol = symbol;
    if (params !== undefined && params.trim() !== '') {
      spec.params = {};
      for (const pair of params.split(';')) {
        const [key, value] = pair.split('=').map((part) => part.trim());
        if (!key || value === undefined || value === '') fail(`parameter '${pair}' is not key=value`);
        const number = Number(value);
        spec.params[key as string] = Number.isFinite(number) ? number : (value as string);
      }
    }
    specs.push(spec);
  }
  return specs;
}

/** Faults from `--faults`: inline JSON (`[…]`), a `.json` file holding a FaultSpec array, or the text syntax. */
export async function loadFaultSpecs(argument: string): Promise<FaultSpec[]> {
  const trimmed = argument.trim();
  let json: string | undefined;
  if (trimmed.startsWith('[')) json = trimmed;
  else if (trimmed.endsWith('.json')) {
    try {
      json = await readFile(trimmed, 'utf8');
    } catch (error) {
      throw new SoakError('SOAK_ERR_USAGE', `--faults: cannot read ${trimmed} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, { cause: error });
    }
  }
  if (json === undefined) return parseFaultSpecs(trimmed);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new SoakError('SOAK_ERR_USAGE', `--faults: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!Array.isArray(value) || !value.every((spec) => typeof spec === 'object' && spec !== null && !Array.isArray(spec))) {
    throw new SoakError('SOAK_ERR_USAGE', '--faults: JSON must be an array of fault objects ({kind, atMs, everyMs?, jitterMs?, exchange?, symbol?, params?})');
  }
  return value as FaultSpec[];
}
