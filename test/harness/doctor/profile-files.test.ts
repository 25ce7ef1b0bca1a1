import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { findProfiles } from '../../../harness/doctor/index.ts';

const run = promisify(execFile);
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("Node's own profiles", () => {
  it('finds and checks the .cpuprofile and .heapprofile a --cpu-prof --heap-prof process writes at exit', async () => {
    dir = mkdtempSync(join(tmpdir(), 'doctor-profiles-'));
    const work = 'let a = []; for (let i = 0; i < 2e5; i++) a.push({ i, s: String(i) }); console.log(a.length)';
    await run(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--heap-prof', '--heap-prof-dir', dir, '-e', work]);
    const profiles = findProfiles(dir);
    expect(profiles.map((p) => p.kind).sort()).toEqual(['cpu', 'heap']);
    for (const profile of profiles) {
      expect(profile.valid).toBe(true);
      expect(profile.nodes).toBeGreaterThan(1);
      expect(profile.bytes).toBeGreaterThan(100);
    }
  });

  it('reports a truncated profile as invalid instead of failing, and an absent directory as none', () => {
    dir = mkdtempSync(join(tmpdir(), 'doctor-profiles-'));
    writeFileSync(join(dir, 'cut.cpuprofile'), '{"nodes":[{"id":1');
    writeFileSync(join(dir, 'notes.txt'), 'not a profile');
    expect(findProfiles(dir)).toEqual([{ path: join(dir, 'cut.cpuprofile'), kind: 'cpu', bytes: 17, valid: false, nodes: 0 }]);
    expect(findProfiles(join(dir, 'nope'))).toEqual([]);
  });
});
