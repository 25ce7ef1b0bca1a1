import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../../harness/probes/index.ts';
import type { SoakEvent } from '../../../harness/runner/index.ts';
import { fetchText, parsePrometheusText } from '../../../harness/probes/index.ts';
import { alive, readNdjson, startSoak, until } from './soak-cli-helpers.ts';

describe('npm run soak (real CLI, built-in collector)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a 24 s smoke soak end to end and writes a complete run directory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'soak-cli-'));
    const out = join(dir, 'run');
    const soak = startSoak(['--minutes', '0.4', '--out', out, '--sample-interval', '1s', '--metrics-port', '0', '--alerts']);
    // The soak's own metrics are live while it runs: scrape them once the target has been sampled.
    await until(() => /live metrics at (\S+)/.test(soak.stderr()) && readNdjson(join(out, 'samples.ndjson')).length >= 3, 40_000, 200);
    const url = /live metrics at (\S+)/.exec(soak.stderr())?.[1] ?? '';
    const scraped = parsePrometheusText((await fetchText(url, 5000)).body).samples;
    expect(scraped.find((s) => s.name === 'process_memory_rss_bytes')?.value).toBeGreaterThan(10_000_000);
    expect(scraped.map((s) => s.name)).toEqual(expect.arrayContaining(['memory_growth_rate_mb_per_minute', 'fd_growth_rate_per_minute', 'leaked_objects_total', 'clean_hours_counter', 'gc_pause_duration_seconds_count']));
    const { code } = await soak.exit;
    expect([0, 1, 3], soak.stderr()).toContain(code);

    for (const file of ['meta.json', 'samples.ndjson', 'events.ndjson', 'report.json', 'report.md', 'report.html', 'junit.xml', 'target.log']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ scenario: 'smoke', target: 'soakbook collector', streamsOpened: 2, stopReason: 'completed', sampleIntervalMs: 1000 });
    expect(meta.targetExit).toBeUndefined();

    const samples = readNdjson<Sample>(join(out, 'samples.ndjson'));
    expect(samples.length).toBeGreaterThanOrEqual(18);
    const last = samples.at(-1) as Sample;
    // The agent answered (heap, GC, loop), /metrics was scraped, and books matched the mock's truth.
    expect(last.heapUsed).toBeGreaterThan(0);
    expect(last.eventLoop?.p99).toBeGreaterThan(0);
    // /metrics was scraped: one scrape can miss its sample on a loaded machine (seen once in a clean-clone run, the
    // last sample's), so the latest scraped sample is read and most samples must carry counters.
    const withCounters = samples.filter((s) => s.collector !== undefined);
    expect(withCounters.length).toBeGreaterThanOrEqual(samples.length * 0.8);
    expect(withCounters.at(-1)?.collector?.messages).toBeGreaterThan(100);
    expect(last.sockets.established).toBeGreaterThanOrEqual(2);
    expect(last.integrity?.checks).toBeGreaterThan(0);
    expect(last.integrity?.mismatches).toBe(0);
    expect(samples.reduce((n, s) => n + (s.gc?.count ?? 0), 0)).toBeGreaterThan(0);

    const events = readNdjson<SoakEvent>(join(out, 'events.ndjson'));
    const kinds = events.map((e) => e.kind);
    expect(kinds[0]).toBe('run-start');
    expect(kinds).toEqual(expect.arrayContaining(['target-start', 'agent-connected', 'warmup-end', 'unknown-message', 'gap', 'target-exit']));
    expect(kinds.at(-1)).toBe('run-stop');
    const targetPid = Number(events.find((e) => e.kind === 'target-start')?.detail.pid);
    expect(alive(targetPid)).toBe(false);

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { verdict: string; checks: Array<{ id: string; status: string }>; alerts?: Array<{ alert: string; status: string }> };
    expect(report.checks.find((c) => c.id === 'target-alive')?.status).toBe('pass');
    // --alerts: every rule of the monitoring pack has an outcome in the report; the target never went down.
    expect(existsSync(join(out, 'alerts', 'alerts.json'))).toBe(true);
    expect(report.alerts?.length).toBeGreaterThanOrEqual(12);
    const targetDown = report.alerts?.find((a) => a.alert === 'CollectorTargetDown');
    expect(['silent', 'too-short']).toContain(targetDown?.status);
    // The built-in collector exports its feeds' connection status, so DataSourceDown is evaluated (24 s < its for: 1m).
    expect(report.alerts?.find((a) => a.alert === 'DataSourceDown')?.status).toBe('too-short');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('## Alerts (monitoring pack)');
    expect(soak.stderr()).toMatch(/alerts: (silent|short) +CollectorTargetDown \(critical\)/);
    expect(soak.stderr()).toMatch(/soak: (PASS|FAIL|INCONCLUSIVE)/);
  }, 90_000);
});
