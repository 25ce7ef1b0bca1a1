import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SoakEvent } from '../../../harness/runner/index.ts';
import { alive, readNdjson, startSoak, until } from './soak-cli-helpers.ts';

describe('npm run soak: Ctrl-C', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stops within 5 s of SIGINT, leaves no target process behind and writes the report from what it had', async () => {
    dir = mkdtempSync(join(tmpdir(), 'soak-int-'));
    const out = join(dir, 'run');
    const soak = startSoak(['--minutes', '2', '--out', out, '--sample-interval', '500ms']);
    const samplesFile = join(out, 'samples.ndjson');
    // Interrupt once the target is measured from inside (the agent answered at least once).
    await until(() => readNdjson<{ heapUsed?: number }>(samplesFile).some((s) => s.heapUsed !== undefined), 45_000, 200);
    const events = readNdjson<SoakEvent>(join(out, 'events.ndjson'));
    const targetPid = Number(events.find((e) => e.kind === 'target-start')?.detail.pid);
    expect(alive(targetPid)).toBe(true);

    const sentAt = performance.now();
    soak.child.kill('SIGINT');
    const { code } = await soak.exit;
    const stoppedInMs = performance.now() - sentAt;
    expect(code, soak.stderr()).toBe(130);
    expect(stoppedInMs).toBeLessThan(5000);
    expect(alive(targetPid)).toBe(false);

    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as { stopReason: string };
    expect(meta.stopReason).toBe('interrupted');
    expect(readNdjson<SoakEvent>(join(out, 'events.ndjson')).at(-1)?.kind).toBe('run-stop');
    expect(existsSync(join(out, 'report.json'))).toBe(true);
    expect(soak.stderr()).toMatch(/SIGINT — stopping the target/);
  }, 90_000);
});
