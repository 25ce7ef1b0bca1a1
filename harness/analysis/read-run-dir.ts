/**
 * Reads a run directory into RunInput. A run killed at any moment must still give a report, so a truncated or
 * unreadable ndjson line is skipped and counted (never fatal), and missing samples/events files read as empty;
 * only a missing or invalid meta.json stops it, since without it nothing says what was run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SoakError } from '../errors.ts';
import type { ZodError } from 'zod';
import type { Sample } from '../probes/sample.ts';
import type { SoakEvent } from '../runner/soak-event.ts';
import type { Budgets } from './budgets.ts';
import { resolveBudgets } from './budgets.ts';
import type { AlertOutcomeSummary, HeapDiffSummary } from './report-data.ts';
import type { RunInput, RunMeta, SkippedLines } from './run-input.ts';
import { alertsSchema, eventSchema, firstIssue, heapDiffSchema, runMetaSchema, sampleSchema } from './run-schemas.ts';

/** Reasons kept per run for the report's notes (the count is always exact). */
const MAX_REASONS = 5;

/** Reads meta.json, samples.ndjson, events.ndjson, and heapdiff.json and alerts/alerts.json when present, from `dir`. */
export function readRunDir(dir: string): RunInput {
  const metaPath = join(dir, 'meta.json');
  if (!existsSync(metaPath)) throw new SoakError('SOAK_ERR_RUN_DIR', `${dir}: no meta.json (not a run directory?)`);
  const meta = parseMeta(readText(metaPath), metaPath);
  const skipped: SkippedLines = { samples: 0, events: 0, reasons: [] };
  const samples = readNdjson(join(dir, 'samples.ndjson'), (value) => sampleSchema.safeParse(value), skipped, 'samples') as Sample[];
  const events = readNdjson(join(dir, 'events.ndjson'), (value) => eventSchema.safeParse(value), skipped, 'events') as SoakEvent[];
  const input: RunInput = { meta, samples, events, skipped };
  const heapDiffPath = join(dir, 'heapdiff.json');
  if (existsSync(heapDiffPath)) input.heapDiff = parseHeapDiff(readText(heapDiffPath), heapDiffPath);
  const alertsPath = join(dir, 'alerts', 'alerts.json');
  if (existsSync(alertsPath)) input.alerts = parseAlerts(readText(alertsPath), alertsPath);
  return input;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new SoakError('SOAK_ERR_RUN_DIR', `${path}: ${(error as Error).message}`, { cause: error });
  }
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SoakError('SOAK_ERR_RUN_DIR', `${path}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

function parseMeta(text: string, path: string): RunMeta {
  const result = runMetaSchema.safeParse(parseJson(text, path));
  if (!result.success) throw new SoakError('SOAK_ERR_RUN_DIR', `${path}: ${firstIssue(result.error)}`);
  const budgets: Budgets = resolveBudgets(result.data.budgets as Partial<Budgets>);
  return { ...result.data, budgets } as RunMeta;
}

function parseHeapDiff(text: string, path: string): HeapDiffSummary {
  const result = heapDiffSchema.safeParse(parseJson(text, path));
  if (!result.success) throw new SoakError('SOAK_ERR_RUN_DIR', `${path}: ${firstIssue(result.error)}`);
  return result.data as HeapDiffSummary;
}

function parseAlerts(text: string, path: string): AlertOutcomeSummary[] {
  const result = alertsSchema.safeParse(parseJson(text, path));
  if (!result.success) throw new SoakError('SOAK_ERR_RUN_DIR', `${path}: ${firstIssue(result.error)}`);
  return result.data as AlertOutcomeSummary[];
}

type Parse = (value: unknown) => { success: true; data: unknown } | { success: false; error: ZodError };

function readNdjson(path: string, parse: Parse, skipped: SkippedLines, kind: 'samples' | 'events'): unknown[] {
  if (!existsSync(path)) {
    note(skipped, `${kind}.ndjson missing (read as empty)`);
    return [];
  }
  const lines = readText(path).split('\n');
  const out: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped[kind]++;
      note(skipped, `${kind}.ndjson line ${i + 1}: ${i === lines.length - 1 ? 'truncated last line' : 'not JSON'}`);
      continue;
    }
    const result = parse(value);
    if (result.success) {
      out.push(result.data);
    } else {
      skipped[kind]++;
      note(skipped, `${kind}.ndjson line ${i + 1}: ${firstIssue(result.error)}`);
    }
  }
  return out;
}

function note(skipped: SkippedLines, reason: string): void {
  if (skipped.reasons.length < MAX_REASONS) skipped.reasons.push(reason);
}
