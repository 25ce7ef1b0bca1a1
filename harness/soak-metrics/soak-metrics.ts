/**
 * The harness's own Prometheus metrics, served live during a run on --metrics-port (names from DESIGN.md),
 * so a Prometheus can scrape a 6-hour soak as it goes. Its own Registry: nothing global, nothing left behind.
 */
import { Gauge, Histogram, Registry } from 'prom-client';
import type { Sample } from '../probes/index.ts';

/** Live figures the runner re-estimates as the run goes. */
export interface LiveEstimates {
  memoryGrowthMbPerMin?: number;
  fdGrowthPerMin?: number;
  cleanHours?: number;
  leakedObjects?: number;
}

// GC pauses: natural ones are 0.1–20 ms, forced full GCs hundreds of ms.
const GC_BUCKETS_S = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** The soak's gauges and GC histogram in a private registry. */
export class SoakMetrics {
  readonly registry = new Registry();
  #memoryGrowth: Gauge;
  #fdGrowth: Gauge;
  #leaked: Gauge;
  #cleanHours: Gauge;
  #rss: Gauge;
  #gcPause: Histogram;

  constructor(labels: { scenario: string; target: string }) {
    this.registry.setDefaultLabels(labels);
    const registers = [this.registry];
    this.#memoryGrowth = new Gauge({ name: 'memory_growth_rate_mb_per_minute', help: 'Target heap growth after warm-up (heap after major GC where known), MB/min', registers });
    this.#fdGrowth = new Gauge({ name: 'fd_growth_rate_per_minute', help: 'Target open file-descriptor growth after warm-up, per minute', registers });
    this.#leaked = new Gauge({ name: 'leaked_objects_total', help: 'Objects in the three-snapshot heap diff (0 until one is taken)', registers });
    this.#cleanHours = new Gauge({ name: 'clean_hours_counter', help: 'Consecutive whole hours within every budget', registers });
    this.#rss = new Gauge({ name: 'process_memory_rss_bytes', help: 'Resident set size of the target process, bytes', registers });
    this.#gcPause = new Histogram({ name: 'gc_pause_duration_seconds', help: 'GC pauses of the target (every GC the agent saw), seconds', buckets: GC_BUCKETS_S, registers });
    this.#leaked.set(0);
    this.#cleanHours.set(0);
  }

  /** Records one sample: RSS now, every GC pause of the interval. */
  observeSample(sample: Sample): void {
    this.#rss.set(sample.rss);
    for (const pauseMs of sample.gc?.pausesMs ?? []) this.#gcPause.observe(pauseMs / 1000);
  }

  /** Sets the latest estimates (absent ones keep their value). */
  setEstimates(estimates: LiveEstimates): void {
    if (estimates.memoryGrowthMbPerMin !== undefined) this.#memoryGrowth.set(estimates.memoryGrowthMbPerMin);
    if (estimates.fdGrowthPerMin !== undefined) this.#fdGrowth.set(estimates.fdGrowthPerMin);
    if (estimates.cleanHours !== undefined) this.#cleanHours.set(estimates.cleanHours);
    if (estimates.leakedObjects !== undefined) this.#leaked.set(estimates.leakedObjects);
  }

  /** Prometheus text of every soak metric. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
