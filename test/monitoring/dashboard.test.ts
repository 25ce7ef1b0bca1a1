// The Grafana dashboard: valid JSON Grafana can import, a sane layout, the panels the issue asks for, and
// every query valid PromQL by promtool's own parser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPromtool } from '../../harness/alerts/index.ts';
import { dashboardQueries, readDashboard, substituteVariables } from './dashboard-queries.ts';
import { requirePromtool } from './require-promtool.ts';

beforeAll(() => requirePromtool());

describe('monitoring/grafana/collector-dashboard.json', () => {
  const dashboard = readDashboard();

  it('is a Grafana dashboard with a stable uid and a Prometheus datasource variable', () => {
    expect(dashboard.uid).toBe('soakbook-collector');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'job', 'instance', 'soak_job']);
    for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
  });

  it('lays panels out on the 24-column grid without overlaps and with unique ids', () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { gridPos: g, title } of dashboard.panels) {
      expect(g.x + g.w, title).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('has the panels the monitoring pack promises', () => {
    const queries = dashboardQueries(dashboard).map((q) => q.expr).join('\n');
    for (const metric of [
      'process_resident_memory_bytes',
      'process_open_fds',
      'collector_tcp_connections',
      'nodejs_gc_duration_seconds_bucket',
      'nodejs_eventloop_lag_p99_seconds',
      'sum by (exchange) (rate(orderbook_collector_messages_received_total',
      'orderbook_collector_sequence_gaps_total',
      'orderbook_collector_resyncs_total',
      'orderbook_collector_reconnects_total',
      'memory_growth_rate_mb_per_minute',
      'fd_growth_rate_per_minute',
      'clean_hours_counter',
    ]) {
      expect(queries, metric).toContain(metric);
    }
  });

  it('holds only queries promtool parses (each checked as a recording rule)', async () => {
    const queries = dashboardQueries(dashboard);
    expect(queries.length).toBeGreaterThan(20);
    const rules = queries.map((q, i) => `      - record: soakbook:dashboard_query_${i}\n        expr: ${JSON.stringify(substituteVariables(q.expr))}`);
    const dir = mkdtempSync(join(tmpdir(), 'soakbook-dashboard-'));
    try {
      const file = join(dir, 'queries.yml');
      writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules.join('\n')}\n`);
      const result = await runPromtool(['check', 'rules', file]);
      expect(result.stdout + result.stderr).toContain(`SUCCESS: ${queries.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
