import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../../harness/probes/index.ts';
import type { SoakEvent } from '../../../harness/runner/index.ts';
import { alive, readNdjson, REPO, startSoak } from './soak-cli-helpers.ts';

// A reconnect storm in miniature: one Binance stream whose socket goes half-open every 2.5 s.
const STORM = {
  name: 'keeper-storm',
  description: 'half-open sockets on a short loop',
  durationMs: 14_000,
  warmupMs: 2_000,
  sampleIntervalMs: 500,
  exchanges: ['binance'],
  symbols: { binance: ['BTCUSDT'] },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 20 },
  faults: [{ kind: 'half-open', atMs: 2_000, everyMs: 2_500 }],
  budgets: { socketSlack: 0 },
};

describe('npm run soak --target (planted leak: a socket kept per reconnect)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the sockets climbing with the faults and fails socket-bound', async () => {
    dir = mkdtempSync(join(tmpdir(), 'soak-leak-'));
    const out = join(dir, 'run');
    writeFileSync(join(dir, 'storm.json'), JSON.stringify(STORM));
    const soak = startSoak(['--scenario', join(dir, 'storm.json'), '--target', `node ${join(REPO, 'fixtures/targets/socket-keeper.mjs')}`, '--out', out]);
    const { code } = await soak.exit;
    expect(code, soak.stderr()).toBe(1);

    const samples = readNdjson<Sample>(join(out, 'samples.ndjson'));
    const events = readNdjson<SoakEvent>(join(out, 'events.ndjson'));
    const faults = events.filter((e) => e.kind === 'half-open').length;
    expect(faults).toBeGreaterThanOrEqual(4);
    const established = samples.map((s) => s.sockets.established);
    const firstLive = established.find((n) => n > 0) ?? 0;
    // One socket kept per fault (the last fault may land after the last sample).
    expect(Math.max(...established) - firstLive).toBeGreaterThanOrEqual(faults - 2);
    // Never falls back: kept sockets are never closed.
    for (let i = 1; i < established.length; i++) expect(established[i]).toBeGreaterThanOrEqual(established[i - 1] ?? 0);
    // The node target was measured from inside too (agent via NODE_OPTIONS, through sh -c). Not every sample:
    // on a loaded machine one agent reply can miss its sample (the last one, as the target stops, say).
    const measuredInside = samples.filter((s) => (s.heapUsed ?? 0) > 0).length;
    expect(measuredInside).toBeGreaterThanOrEqual(samples.length / 2);

    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { checks: Array<{ id: string; status: string }> };
    expect(report.checks.find((c) => c.id === 'socket-bound')?.status).toBe('fail');
    const targetPid = Number(events.find((e) => e.kind === 'target-start')?.detail.pid);
    expect(alive(targetPid)).toBe(false);
  }, 90_000);
});
