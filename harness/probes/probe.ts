/**
 * The one shape every probe has (STYLE.md habit 5): a name, a sample of what it sees, and a close that
 * undoes everything it set up. The sampler merges the partial samples of all probes into one Sample.
 */
import type { Sample } from './sample.ts';

/** One source of measurements. `sample()` returns only the fields this probe can see. */
export interface Probe {
  readonly name: string;
  sample(): Promise<Partial<Sample>>;
  close(): void;
}

/** Which process a probe measures now (it can change once an agent reports the real target pid). */
export type PidSource = () => number | undefined;
