import { afterEach, describe, expect, it } from 'vitest';
import { fetchText, parsePrometheusText } from '../../../harness/probes/index.ts';
import { SoakMetrics, SoakMetricsServer } from '../../../harness/soak-metrics/index.ts';

describe('soak metrics', () => {
  let server: SoakMetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the DESIGN.md names from a private registry, with every GC pause in the histogram', async () => {
    const metrics = new SoakMetrics({ scenario: 'smoke', target: 'soakbook collector' });
    const gc = { count: 3, totalPauseMs: 7, maxPauseMs: 4, pausesMs: [1, 2, 4], byKind: { minor: { count: 3, totalPauseMs: 7 }, major: { count: 0, totalPauseMs: 0 }, incremental: { count: 0, totalPauseMs: 0 }, weakcb: { count: 0, totalPauseMs: 0 } } };
    metrics.observeSample({ t: 1, rss: 123_456, gc, cpu: { user: 0, system: 0 }, fds: { total: 1, socket: 0, file: 1, pipe: 0, anon: 0, other: 0 }, sockets: { established: 0, closeWait: 0, timeWait: 0, listen: 0, other: 0, total: 0 } });
    metrics.setEstimates({ memoryGrowthMbPerMin: 0.25, fdGrowthPerMin: -0.5, cleanHours: 2 });
    server = await SoakMetricsServer.listen(metrics, 0);
    const { status, body } = await fetchText(`http://127.0.0.1:${server.port}/metrics`, 2000);
    expect(status).toBe(200);
    const values = new Map(parsePrometheusText(body).samples.map((s) => [s.name + s.labels.replace(/,?(scenario|target)="[^"]*"/g, ''), s.value]));
    expect(values.get('memory_growth_rate_mb_per_minute{}')).toBe(0.25);
    expect(values.get('fd_growth_rate_per_minute{}')).toBe(-0.5);
    expect(values.get('clean_hours_counter{}')).toBe(2);
    expect(values.get('leaked_objects_total{}')).toBe(0);
    expect(values.get('process_memory_rss_bytes{}')).toBe(123_456);
    expect(values.get('gc_pause_duration_seconds_count{}')).toBe(3);
    expect(values.get('gc_pause_duration_seconds_bucket{le="0.001"}')).toBe(1);
    expect(values.get('gc_pause_duration_seconds_bucket{le="0.005"}')).toBe(3);
    expect(body).toContain('scenario="smoke"');
  });

  it('refuses a port in use with a usage error', async () => {
    const metrics = new SoakMetrics({ scenario: 's', target: 't' });
    server = await SoakMetricsServer.listen(metrics, 0);
    await expect(SoakMetricsServer.listen(metrics, server.port)).rejects.toMatchObject({ code: 'SOAK_ERR_USAGE' });
  });
});
