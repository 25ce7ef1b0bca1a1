/**
 * A small parser for the Prometheus text exposition format: enough to read a target's counters and
 * gauges, summed over their label sets. Bounded: a runaway /metrics cannot make it loop for long.
 */

const MAX_LINES = 200_000;
// name, optional {labels}, value; an optional timestamp may follow.
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;

/** One sample line. */
export interface MetricSample {
  name: string;
  labels: string;
  value: number;
}

/** Parses sample lines (comments and malformed lines are skipped and counted). */
export function parsePrometheusText(text: string): { samples: MetricSample[]; skippedLines: number } {
  const samples: MetricSample[] = [];
  let skippedLines = 0;
  const lines = text.split('\n');
  const count = Math.min(lines.length, MAX_LINES);
  for (let i = 0; i < count; i++) {
    const line = lines[i]?.trim() ?? '';
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    const value = match?.[3] !== undefined ? parseValue(match[3]) : Number.NaN;
    if (!match?.[1] || Number.isNaN(value)) {
      skippedLines += 1;
      continue;
    }
    samples.push({ name: match[1], labels: match[2] ?? '', value });
  }
  return { samples, skippedLines: skippedLines + Math.max(0, lines.length - MAX_LINES) };
}

function parseValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** Sums each metric over its label sets; a metric absent from the text is absent from the map. */
export function sumByName(samples: readonly MetricSample[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const sample of samples) sums.set(sample.name, (sums.get(sample.name) ?? 0) + sample.value);
  return sums;
}
