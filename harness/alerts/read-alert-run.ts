/**
 * Reads what alert evaluation needs from a run directory: the samples, and from meta.json and events.ndjson
 * the sample interval, the warm-up, and when the target started and exited. A truncated last line (a killed
 * run) is skipped and counted, never fatal; a directory without usable samples is SOAK_ERR_RUN_DIR.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SoakError } from '../errors.ts';
import type { Sample } from '../probes/sample.ts';

/** The parts of a run that alert evaluation reads. */
export interface AlertRunInput {
  samples: Sample[];
  sampleIntervalMs?: number;
  warmupMs?: number;
  targetStartMs?: number;
  targetExitMs?: number;
  runEndMs?: number;
  skippedLines: number;
}

/** Reads and validates the run directory. */
export async function readAlertRun(runDir: string): Promise<AlertRunInput> {
  const samplesText = await readFile(join(runDir, 'samples.ndjson'), 'utf8').catch((error: unknown) => {
    throw new SoakError('SOAK_ERR_RUN_DIR', `cannot read ${join(runDir, 'samples.ndjson')}: ${(error as Error).message}`, { cause: error });
  });
  let skippedLines = 0;
  const samples: Sample[] = [];
  for (const line of samplesText.split('\n')) {
    if (line.trim() === '') continue;
    const sample = parseSample(line);
    if (sample) samples.push(sample);
    else skippedLines++;
  }
  samples.sort((a, b) => a.t - b.t);
  if (samples.length < 2) throw new SoakError('SOAK_ERR_RUN_DIR', `${join(runDir, 'samples.ndjson')} holds ${samples.length} usable sample(s); alert evaluation needs at least 2`);

  const input: AlertRunInput = { samples, skippedLines };
  const meta = await readOptionalJson(join(runDir, 'meta.json'));
  if (isRecord(meta)) {
    if (isPositive(meta.sampleIntervalMs)) input.sampleIntervalMs = meta.sampleIntervalMs;
    if (typeof meta.warmupMs === 'number' && meta.warmupMs >= 0) input.warmupMs = meta.warmupMs;
  }
  const eventsText = await readFile(join(runDir, 'events.ndjson'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new SoakError('SOAK_ERR_RUN_DIR', `cannot read ${join(runDir, 'events.ndjson')}: ${error.message}`, { cause: error });
  });
  for (const line of eventsText.split('\n')) {
    const event = parseJsonLine(line);
    if (!isRecord(event) || typeof event.t !== 'number' || !Number.isFinite(event.t)) continue;
    if (event.kind === 'target-start') input.targetStartMs ??= event.t;
    else if (event.kind === 'target-exit') input.targetExitMs ??= event.t;
    else if (event.kind === 'run-stop') input.runEndMs = event.t;
    else if (event.kind === 'warmup-end') input.warmupMs ??= event.t;
  }
  return input;
}

function parseSample(line: string): Sample | undefined {
  const value = parseJsonLine(line);
  if (!isRecord(value)) return undefined;
  const { t, rss, fds, sockets } = value;
  if (typeof t !== 'number' || !Number.isFinite(t) || typeof rss !== 'number' || !Number.isFinite(rss)) return undefined;
  if (!isRecord(fds) || typeof fds.total !== 'number' || !isRecord(sockets) || typeof sockets.total !== 'number') return undefined;
  if (typeof sockets.listen !== 'number') sockets.listen = 0;
  return value as unknown as Sample;
}

function parseJsonLine(line: string): unknown {
  if (line.trim() === '') return undefined;
  try {
    return JSON.parse(line);
  } catch {
    // A killed run leaves a truncated last line; the caller counts it as skipped.
    return undefined;
  }
}

async function readOptionalJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SoakError('SOAK_ERR_RUN_DIR', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SoakError('SOAK_ERR_RUN_DIR', `${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
