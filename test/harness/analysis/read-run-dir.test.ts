// The run-directory loader against real files in a temp dir: a killed run's truncated line, bad lines, bad meta.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoakError } from '../../../harness/errors.ts';
import { analyzeRun, readRunDir } from '../../../harness/analysis/index.ts';
import { syntheticRun } from './synthetic-run.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'soak-rundir-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeRun(run: ReturnType<typeof syntheticRun>, tail = ''): void {
  writeFileSync(join(dir, 'meta.json'), JSON.stringify(run.meta));
  writeFileSync(join(dir, 'samples.ndjson'), run.samples.map((s) => JSON.stringify(s)).join('\n') + '\n' + tail);
  writeFileSync(join(dir, 'events.ndjson'), run.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

describe('readRunDir', () => {
  it('reads back what was written and tolerates a truncated last line', () => {
    const run = syntheticRun({ seed: 1, durationMs: 5 * 60_000, disconnectsPerMin: 1 });
    writeRun(run, '{"t": 305000, "rss": 12');
    const input = readRunDir(dir);
    expect(input.samples).toEqual(run.samples);
    expect(input.events).toEqual(run.events);
    expect(input.meta).toEqual(run.meta);
    expect(input.skipped).toMatchObject({ samples: 1, events: 0 });
    expect(input.skipped.reasons[0]).toMatch(/line 61: truncated last line/);
    expect(analyzeRun(input).notes[0]).toMatch(/Skipped 1 unreadable sample line/);
  });
  it('counts lines that are JSON but not samples, with the offending field', () => {
    const run = syntheticRun({ seed: 2, durationMs: 60_000 });
    writeRun(run, '{"t": 1, "rss": -5}\nnot json\n');
    const input = readRunDir(dir);
    expect(input.skipped.samples).toBe(2);
    expect(input.skipped.reasons.join(' ')).toMatch(/rss/);
  });
  it('merges partial budgets over the defaults and reads heapdiff.json when present', () => {
    const run = syntheticRun({ seed: 3, durationMs: 60_000 });
    writeRun(run);
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ ...run.meta, budgets: { heapGrowthMbPerMin: 0.5 } }));
    writeFileSync(join(dir, 'heapdiff.json'), JSON.stringify({ growers: [], leakCandidates: [{ constructor: 'Book', count: 12, retainedBytes: 4096, retainerPath: ['Map', 'books'] }] }));
    const input = readRunDir(dir);
    expect(input.meta.budgets.heapGrowthMbPerMin).toBe(0.5);
    expect(input.meta.budgets.maxOpenFds).toBe(500);
    const leaked = analyzeRun(input).checks.find((c) => c.id === 'leaked-objects');
    expect(leaked).toMatchObject({ status: 'fail', value: 12 });
  });
  it('reads missing samples/events as empty, with a note', () => {
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(syntheticRun({ seed: 4, durationMs: 0 }).meta));
    const input = readRunDir(dir);
    expect(input.samples).toEqual([]);
    expect(input.skipped.reasons.join(' ')).toMatch(/samples.ndjson missing/);
  });
  it('stops with SOAK_ERR_RUN_DIR on a missing or invalid meta.json', () => {
    expect(() => readRunDir(dir)).toThrow(expect.objectContaining({ code: 'SOAK_ERR_RUN_DIR', message: expect.stringMatching(/no meta.json/) }));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ scenario: 'x' }));
    expect(() => readRunDir(dir)).toThrow(SoakError);
    expect(() => readRunDir(dir)).toThrow(/meta.json: target/);
    writeFileSync(join(dir, 'meta.json'), '{');
    expect(() => readRunDir(dir)).toThrow(/not valid JSON/);
  });
});
