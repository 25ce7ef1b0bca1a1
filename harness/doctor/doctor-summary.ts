/**
 * What a doctor run tells its user: one line per output (clinic's report or why there is none, each
 * profile with its size), and the exit code: 0 when usable CPU and heap profiles exist and clinic either
 * wrote its report or was known not to work here, 1 otherwise.
 */
import { relative } from 'node:path';
import type { DoctorResult } from './run-doctor.ts';

/** The lines that tell the user what they got. */
export function describeDoctor(result: DoctorResult, cwd: string): string[] {
  const rel = (path: string): string => relative(cwd, path) || '.';
  const lines = [`doctor: run directory ${rel(result.runDir)}`];
  const { clinic } = result;
  if (clinic.status === 'ok' && clinic.html) lines.push(`doctor: clinic ${clinic.tool} report: ${rel(clinic.html)}`);
  else if (clinic.status === 'unsupported') lines.push(`doctor: clinic ${clinic.tool} NOT RUN: ${clinic.reason ?? 'not supported here'}`);
  else lines.push(`doctor: clinic ${clinic.tool} FAILED (${clinic.status}): ${clinic.reason ?? ''}`);
  const valid = result.profiles.filter((p) => p.valid);
  for (const profile of result.profiles) {
    lines.push(`doctor: ${profile.kind} profile ${rel(profile.path)} (${(profile.bytes / 1024).toFixed(0)} KiB, ${profile.nodes} nodes${profile.valid ? '' : ', INCOMPLETE'})`);
  }
  if (valid.length === 0) lines.push('doctor: no usable --cpu-prof/--heap-prof profile was written');
  else lines.push('doctor: open .cpuprofile files in Chrome DevTools (Performance) or speedscope, .heapprofile in DevTools (Memory)');
  return lines;
}

/** 0 when profiles exist and clinic succeeded or was known not to work; 1 otherwise. */
export function doctorExitCode(result: DoctorResult): number {
  const cpu = result.profiles.some((p) => p.kind === 'cpu' && p.valid);
  const heap = result.profiles.some((p) => p.kind === 'heap' && p.valid);
  const clinicOk = result.clinic.status === 'ok' || result.clinic.status === 'unsupported';
  return cpu && heap && clinicOk ? 0 : 1;
}
