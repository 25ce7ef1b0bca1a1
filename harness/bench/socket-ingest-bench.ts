/**
 * Benchmark 3, ingest over a real socket: the mock Binance (its own process) floods 127.0.0.1 as fast as
 * the reader takes it, and the reader is either the built-in collector (its real CLI, its own process) or a
 * bare `ws` client that only parses. Each repeat runs both, one after the other, with fresh processes.
 * Rates per consumer CPU-second come from each process's own CPU time, so the other processes on the
 * 2-core machine (the mock, the harness, other users) do not count against the reader.
 */
import type { BenchResult } from './bench-result.ts';
import { compare, median, target } from './bench-stats.ts';
import { FloodMock, measureWindow, perCpuSecond, perWallSecond, startBareConsumer, startCollectorConsumer, waitFlowing, type Consumer, type IngestWindow } from './ingest-rig.ts';
import { loadAverageNow, machineInfo } from './machine-info.ts';

/** Size of the benchmark. */
export interface SocketIngestBenchOptions {
  repeats: number;
  windowMs: number;
  /** Messages a consumer must have read before its window opens (flood running, book live). */
  warmupMessages: number;
}

export const SOCKET_INGEST_BENCH_DEFAULTS: SocketIngestBenchOptions = { repeats: 3, windowMs: 4000, warmupMessages: 20_000 };

/** Starts a consumer, lets it warm up, measures one window, stops it. */
export async function measureConsumer(mock: FloodMock, start: () => Promise<Consumer>, options: SocketIngestBenchOptions): Promise<IngestWindow> {
  const consumer = await start();
  try {
    await waitFlowing(consumer, options.warmupMessages, 60_000);
    return await measureWindow(mock, consumer, options.windowMs);
  } finally {
    await consumer.close();
  }
}

/** Runs benchmark 3. */
export async function runSocketIngestBench(options: SocketIngestBenchOptions = SOCKET_INGEST_BENCH_DEFAULTS): Promise<BenchResult> {
  const startedAt = new Date();
  const machine = machineInfo();
  const t0 = performance.now();
  const mock = await FloodMock.start();
  const collectorWindows: IngestWindow[] = [];
  const bareWindows: IngestWindow[] = [];
  try {
    for (let r = 0; r < options.repeats; r++) {
      collectorWindows.push(await measureConsumer(mock, () => startCollectorConsumer(mock), options));
      bareWindows.push(await measureConsumer(mock, () => startBareConsumer(mock), options));
    }
  } finally {
    await mock.close();
  }
  const collectorCpuRate = median(collectorWindows.map(perCpuSecond));
  const bareCpuRate = median(bareWindows.map(perCpuSecond));
  const collectorWallRate = median(collectorWindows.map(perWallSecond));
  const bareWallRate = median(bareWindows.map(perWallSecond));
  const all = [...collectorWindows, ...bareWindows];
  const mockRate = median(all.map((w) => (w.mockCpuMs > 0 ? (w.mockMessages * 1000) / w.mockCpuMs : NaN)));
  machine.loadAvgEnd = loadAverageNow();
  return {
    name: 'socket-ingest',
    title: 'Ingest over a real 127.0.0.1 socket: collector vs bare ws client, fed by the mock',
    machine,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    repeats: options.repeats,
    comparisons: [
      compare('messages per wall-second', 'msg/s', collectorWallRate, bareWallRate, 'bare ws client (JSON.parse only)', true),
      compare('messages per consumer CPU-second', 'msg/s', collectorCpuRate, bareCpuRate, 'bare ws client (JSON.parse only)', true),
    ],
    figures: [
      { label: 'mock: messages pushed per server CPU-second', value: mockRate, unit: 'msg/s' },
      { label: 'mock: messages pushed per wall-second (collector windows)', value: median(collectorWindows.map((w) => (w.mockMessages * 1000) / w.mockWallMs)), unit: 'msg/s' },
      { label: 'collector CPU use during its windows', value: median(collectorWindows.map((w) => w.cpuMs / w.wallMs)), unit: 'cores' },
      { label: 'bare client CPU use during its windows', value: median(bareWindows.map((w) => w.cpuMs / w.wallMs)), unit: 'cores' },
    ],
    targets: [
      target('socket-keep', 'the collector keeps ≥ 80 % of the bare client\'s rate (wall)', collectorWallRate / bareWallRate, '>=', 0.8, '×'),
      target('socket-cpu', '≥ 120 k messages per collector CPU-second', collectorCpuRate, '>=', 120_000, 'msg/s'),
      target('mock-push', 'the mock pushes ≥ 1 M messages per server CPU-second', mockRate, '>=', 1_000_000, 'msg/s'),
    ],
    notes: [
      `Synthetic Binance feed, 1 symbol, ~1,000 levels a side, 4 level changes per message; the mock floods (backpressure-paced, drops nobody) from its own process.`,
      `${options.repeats} repeats × ${options.windowMs} ms windows after ${options.warmupMessages.toLocaleString('en')} messages of warm-up; fresh consumer processes each time; medians. The collector's count is frames applied to its book (its /metrics), its CPU from /proc.`,
      'Wall rates are bounded by whichever of mock and reader is slower and by the machine\'s load; per-CPU-second rates are the cost of each process.',
    ],
  };
}
