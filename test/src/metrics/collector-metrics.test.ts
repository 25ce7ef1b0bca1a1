import { describe, expect, it } from 'vitest';
import { CollectorMetrics } from '../../../src/metrics/index.ts';

const TICKS = 'orderbook_collector_ticks_written_total';

function written(text: string): number {
  return Number(new RegExp(`^${TICKS} (\\d+)$`, 'm').exec(text)?.[1]);
}

describe('CollectorMetrics.metricsText', () => {
  it('reuses a rendering within metricsMaxAgeMs (hammering scrapers cost one render) and shares one in flight', async () => {
    const metrics = new CollectorMetrics({ defaultMetrics: false, metricsMaxAgeMs: 60_000 });
    metrics.ticksWritten.cell().value = 1;
    const [a, b] = await Promise.all([metrics.metricsText(), metrics.metricsText()]);
    expect(written(a)).toBe(1);
    expect(b).toBe(a);
    metrics.ticksWritten.cell().value = 2;
    await new Promise((resolve) => setImmediate(resolve));
    expect(written(await metrics.metricsText())).toBe(1); // still within the age limit
  });

  it('renders afresh in a later event-loop turn when metricsMaxAgeMs is 0', async () => {
    const metrics = new CollectorMetrics({ defaultMetrics: false, metricsMaxAgeMs: 0 });
    metrics.ticksWritten.cell().value = 1;
    expect(written(await metrics.metricsText())).toBe(1);
    metrics.ticksWritten.cell().value = 2;
    await new Promise((resolve) => setImmediate(resolve));
    expect(written(await metrics.metricsText())).toBe(2);
  });
});
