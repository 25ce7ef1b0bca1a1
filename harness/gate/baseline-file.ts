/**
 * reports/baselines/<scenario>.json: a history of accepted runs' gate figures, newest last, trimmed to the
 * last `keep`. A history rather than one run, so the gate can learn how much runs differ from each other (τ).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SoakError } from '../errors.ts';
import type { GateMetrics } from './gate-metrics.ts';

export const BASELINE_SCHEMA_VERSION = 1;
/** Runs kept in a baseline unless --keep says otherwise. */
export const DEFAULT_BASELINE_KEEP = 10;

/** One accepted run. */
export interface BaselineEntry {
  recordedAt: string;
  runDir: string;
  gitSha: string;
  startedAt: string;
  heapSeries: 'heapAfterGc' | 'heapUsed' | null;
  metrics: GateMetrics;
}

/** The whole baseline file. */
export interface Baseline {
  schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  scenario: string;
  keep: number;
  runs: BaselineEntry[];
}

// JSON has no Infinity: an error too large to state is written as null and read back as Infinity.
const measure = z.object({ value: z.number().finite(), se: z.number().nonnegative().nullable().transform((se) => se ?? Number.POSITIVE_INFINITY) });
const baselineSchema = z.object({
  schemaVersion: z.literal(BASELINE_SCHEMA_VERSION),
  scenario: z.string().min(1),
  keep: z.number().int().positive(),
  runs: z.array(
    z.object({
      recordedAt: z.string(),
      runDir: z.string(),
      gitSha: z.string(),
      startedAt: z.string(),
      heapSeries: z.enum(['heapAfterGc', 'heapUsed']).nullable(),
      metrics: z.record(z.string(), measure),
    }),
  ),
});

/** Reads and validates a baseline; SOAK_ERR_BASELINE when it is missing, not JSON or not a baseline. */
export function readBaseline(path: string): Baseline {
  if (!existsSync(path)) throw new SoakError('SOAK_ERR_BASELINE', `no baseline at ${path} (pass --update-baseline to create it from this run)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new SoakError('SOAK_ERR_BASELINE', `${path}: not readable JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SoakError('SOAK_ERR_BASELINE', `${path}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data as Baseline;
}

/** A new baseline holding `entry` appended to `previous` (or alone), trimmed to the last `keep` runs. */
export function appendToBaseline(previous: Baseline | null, scenario: string, entry: BaselineEntry, keep: number): Baseline {
  const runs = [...(previous?.runs ?? []), entry].slice(-keep);
  return { schemaVersion: BASELINE_SCHEMA_VERSION, scenario, keep, runs };
}

/** Writes a baseline atomically (temp file, then rename), so a killed gate never leaves half a file. */
export function writeBaseline(path: string, baseline: Baseline): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(baseline, (_key, value: unknown) => (value === Number.POSITIVE_INFINITY ? null : value), 2)}\n`);
  renameSync(temp, path);
}
