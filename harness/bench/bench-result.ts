/**
 * What one benchmark returns: plain data (figures, side-by-side comparisons, targets met or not) that the
 * CLI aggregates into reports/bench/<timestamp>.json and a Markdown table. Types only.
 */

/** The machine a result was measured on (printed with every result: absolute figures only mean something here). */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  node: string;
  v8: string;
  platform: string;
  totalMemBytes: number;
  /** 1-minute load average when the benchmark started and ended: above the core count, figures are noisy. */
  loadAvgStart: number;
  loadAvgEnd?: number;
}

/** Ours against a reference measured in the same run. */
export interface BenchComparison {
  metric: string;
  unit: string;
  ours: number;
  reference: number;
  referenceLabel: string;
  /** How many times better ours is (>1 = ours better), whichever direction "better" is for the metric. */
  ratio: number;
  higherIsBetter: boolean;
}

/** A figure without a reference (e.g. the mock's own push rate). */
export interface BenchFigure {
  label: string;
  value: number;
  unit: string;
}

/** One target of the issue, judged on the measured value; unmet targets are reported, never tuned away. */
export interface BenchTarget {
  id: string;
  text: string;
  value: number;
  threshold: number;
  unit: string;
  comparison: '>=' | '<=';
  met: boolean;
}

/** The outcome of one benchmark. */
export interface BenchResult {
  name: string;
  title: string;
  machine: MachineInfo;
  startedAt: string;
  durationMs: number;
  /** Repetitions behind each median. */
  repeats: number;
  comparisons: BenchComparison[];
  figures: BenchFigure[];
  targets: BenchTarget[];
  /** Method notes and anything the reader must know to trust (or distrust) the figures. */
  notes: string[];
}

/** A benchmark that could not run (a failed cross-check, a peer that crashed): reported, never hidden. */
export interface BenchFailure {
  name: string;
  title: string;
  error: string;
}

/** The whole report file. */
export interface BenchReport {
  schemaVersion: 1;
  command: string;
  startedAt: string;
  machine: MachineInfo;
  results: BenchResult[];
  failures: BenchFailure[];
}
