import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clinicOutcome, clinicSupport, describeDoctor, doctorExitCode, findClinicHtml, parseNodeVersion, type DoctorResult } from '../../../harness/doctor/index.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('where clinic can work', () => {
  it('reads Node versions with or without the v', () => {
    expect(parseNodeVersion('v20.20.2')).toEqual([20, 20, 2]);
    expect(parseNodeVersion('21.7.0')).toEqual([21, 7, 0]);
    expect(parseNodeVersion('banana')).toBeUndefined();
  });

  it('clinic doctor runs up to Node 21.6 and is refused from 21.7 on, saying why', () => {
    expect(clinicSupport('doctor', 'v20.20.2')).toEqual({ supported: true });
    expect(clinicSupport('doctor', 'v21.6.2')).toEqual({ supported: true });
    for (const version of ['v21.7.0', 'v22.11.0', 'v24.1.0']) {
      const support = clinicSupport('doctor', version);
      expect(support.supported).toBe(false);
      expect(support.supported ? '' : support.reason).toMatch(/doctor breaks on Node ≥ 21\.7 \(this is v2\d/);
    }
  });

  it('heapprofiler and flame are not held to the doctor limit; nothing below Node 16 and no unreadable version', () => {
    expect(clinicSupport('heapprofiler', 'v22.11.0')).toEqual({ supported: true });
    expect(clinicSupport('flame', 'v22.11.0')).toEqual({ supported: true });
    expect(clinicSupport('flame', 'v14.21.3').supported).toBe(false);
    expect(clinicSupport('doctor', 'nightly').supported).toBe(false);
  });
});

describe("judging clinic's run from what it left", () => {
  const exit = (code: number | null, killed = false) => ({ code, signal: null, killed, lastOutput: ['Analysing data'] });

  it('ok when the tool wrote its HTML (the newest one is taken)', () => {
    dir = mkdtempSync(join(tmpdir(), 'doctor-clinic-'));
    writeFileSync(join(dir, '100.clinic-doctor.html'), '<html>');
    writeFileSync(join(dir, '200.clinic-doctor.html'), '<html>');
    writeFileSync(join(dir, '300.clinic-flame.html'), '<html>');
    expect(findClinicHtml(dir, 'doctor')).toBe(join(dir, '200.clinic-doctor.html'));
    expect(clinicOutcome('doctor', dir, exit(0))).toMatchObject({ status: 'ok', html: join(dir, '200.clinic-doctor.html') });
  });

  it('exit 0 with no HTML is the silent failure clinic 13 is known for, and says so', () => {
    dir = mkdtempSync(join(tmpdir(), 'doctor-clinic-'));
    const outcome = clinicOutcome('heapprofiler', dir, exit(0));
    expect(outcome.status).toBe('no-output');
    expect(outcome.reason).toMatch(/exited 0 but wrote no \*\.clinic-heapprofiler\.html/);
    expect(clinicOutcome('doctor', join(dir, 'missing'), exit(1)).status).toBe('failed');
    expect(clinicOutcome('doctor', dir, exit(null, true)).reason).toMatch(/did not finish its analysis in time/);
  });

  it('the exit code needs usable CPU and heap profiles, and clinic ok or known-unsupported', () => {
    const base: DoctorResult = {
      runDir: '/r',
      scenario: 'smoke',
      node: 'v22.1.0',
      durationMs: 1000,
      clinic: { tool: 'doctor', status: 'unsupported', reason: 'clinic doctor breaks on Node ≥ 21.7' },
      profiles: [
        { path: '/r/profiles/a.cpuprofile', kind: 'cpu', bytes: 2048, valid: true, nodes: 10 },
        { path: '/r/profiles/a.heapprofile', kind: 'heap', bytes: 2048, valid: true, nodes: 5 },
      ],
      profilerExit: undefined,
      events: 0,
    };
    expect(doctorExitCode(base)).toBe(0);
    expect(describeDoctor(base, '/')).toContain('doctor: clinic doctor NOT RUN: clinic doctor breaks on Node ≥ 21.7');
    expect(doctorExitCode({ ...base, clinic: { tool: 'doctor', status: 'no-output', reason: 'x' } })).toBe(1);
    expect(doctorExitCode({ ...base, profiles: base.profiles.slice(0, 1) })).toBe(1);
    expect(doctorExitCode({ ...base, profiles: base.profiles.map((p) => ({ ...p, valid: false })) })).toBe(1);
  });
});
