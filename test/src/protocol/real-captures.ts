// Reads the real exchange captures in fixtures/real/ (format in fixtures/real/README.md) for tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REAL_DIR = fileURLToPath(new URL('../../../fixtures/real/', import.meta.url));

/** The frames the exchange sent (not the client's `<-` lines nor `<->` connection markers), in order. */
export function receivedFrames(file: string): string[] {
  const frames: string[] = [];
  for (const line of readFileSync(REAL_DIR + file, 'utf8').split('\n')) {
    if (line === '' || line.includes(' <-> ') || line.includes(' <- ')) continue;
    const colon = line.indexOf(': ');
    if (colon < 0) throw new Error(`unexpected capture line: ${line.slice(0, 80)}`);
    frames.push(line.slice(colon + 2));
  }
  return frames;
}

/** Like receivedFrames, with each frame's capture time in seconds. */
export function receivedFramesTimed(file: string): Array<{ atSeconds: number; text: string }> {
  const frames: Array<{ atSeconds: number; text: string }> = [];
  for (const line of readFileSync(REAL_DIR + file, 'utf8').split('\n')) {
    if (line === '' || line.includes(' <-> ') || line.includes(' <- ')) continue;
    const colon = line.indexOf(': ');
    frames.push({ atSeconds: Number(line.slice(0, colon)), text: line.slice(colon + 2) });
  }
  return frames;
}

/** The Binance REST snapshots with the time each was taken. */
export function binanceSnapshotsTimed(): Array<{ symbol: string; atSeconds: number; body: unknown }> {
  return readFileSync(REAL_DIR + 'BINANCE.http.0.0', 'utf8').split('\n').filter((l) => l !== '').map((line) => {
    const match = /symbol=([A-Z0-9]+).* -> ([0-9.]+): /.exec(line);
    if (match === null) throw new Error(`unexpected snapshot line: ${line.slice(0, 80)}`);
    return { symbol: match[1] as string, atSeconds: Number(match[2]), body: JSON.parse(line.slice(line.indexOf(': ') + 2)) };
  });
}

/** The Binance REST snapshots by symbol (`<url> -> <ts>: <json>` lines). */
export function binanceSnapshots(): Map<string, unknown> {
  const snapshots = new Map<string, unknown>();
  for (const line of readFileSync(REAL_DIR + 'BINANCE.http.0.0', 'utf8').split('\n')) {
    if (line === '') continue;
    const symbol = /symbol=([A-Z0-9]+)/.exec(line)?.[1];
    const json = line.slice(line.indexOf(': ') + 2);
    if (symbol === undefined) throw new Error(`no symbol in snapshot line: ${line.slice(0, 80)}`);
    snapshots.set(symbol, JSON.parse(json));
  }
  return snapshots;
}
