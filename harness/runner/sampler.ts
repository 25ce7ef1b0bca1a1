/**
 * Runs every probe once per interval and merges their partial samples into one Sample. A probe that fails
 * (the target died between two reads, say) is counted and leaves its fields out; a sample without the
 * /proc basics (RSS, FDs, sockets, CPU) is not written at all.
 */
import type { Probe, Sample } from '../probes/index.ts';

/** Merges probe outputs; undefined when the required /proc fields are missing. */
export function mergeSample(t: number, parts: ReadonlyArray<Partial<Sample>>): Sample | undefined {
  const merged: Partial<Sample> = { t };
  for (const part of parts) Object.assign(merged, part);
  if (merged.rss === undefined || !merged.fds || !merged.sockets || !merged.cpu) return undefined;
  return merged as Sample;
}

/** The probes of one run. */
export class Sampler {
  #probes: readonly Probe[];
  /** Probe failures by probe name. */
  readonly failures = new Map<string, number>();
  lastFailure: string | undefined;

  constructor(probes: readonly Probe[]) {
    this.#probes = probes;
  }

  /** Samples every probe concurrently; `t` is the sample's time in ms since run start. */
  async take(t: number): Promise<Sample | undefined> {
    const parts = await Promise.all(
      this.#probes.map((probe) =>
        probe.sample().catch((error: unknown) => {
          this.failures.set(probe.name, (this.failures.get(probe.name) ?? 0) + 1);
          this.lastFailure = `${probe.name}: ${error instanceof Error ? error.message : String(error)}`;
          return {};
        }),
      ),
    );
    return mergeSample(t, parts);
  }

  /** Closes every probe. */
  close(): void {
    for (const probe of this.#probes) probe.close();
  }
}
