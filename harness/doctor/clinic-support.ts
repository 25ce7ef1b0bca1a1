/**
 * Where clinic can work, decided before anything starts: clinic 13 is no longer actively maintained, its
 * doctor breaks on Node ≥ 21.7 (its trace-event and async-hooks collection changed under it), and heap
 * profiler and flame need Node ≥ 16. Pure: a tool and a Node version in, a verdict with a reason out.
 */

/** The clinic tools `npm run doctor` can run. */
export const CLINIC_TOOLS = ['doctor', 'heapprofiler', 'flame'] as const;

/** One of CLINIC_TOOLS. */
export type ClinicTool = (typeof CLINIC_TOOLS)[number];

/** Whether clinic is expected to work, and why not when it is not. */
export type ClinicSupport = { supported: true } | { supported: false; reason: string };

/** `v20.11.1` → [20, 11, 1]; undefined when the text is not a Node version. */
export function parseNodeVersion(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function atLeast(version: [number, number, number], major: number, minor: number): boolean {
  return version[0] > major || (version[0] === major && version[1] >= minor);
}

/** Whether `tool` works under Node `nodeVersion` (e.g. process.version). */
export function clinicSupport(tool: ClinicTool, nodeVersion: string): ClinicSupport {
  const version = parseNodeVersion(nodeVersion);
  if (!version) return { supported: false, reason: `cannot read the Node version '${nodeVersion}'` };
  if (!atLeast(version, 16, 0)) return { supported: false, reason: `clinic 13 needs Node ≥ 16 (this is ${nodeVersion})` };
  if (tool === 'doctor' && atLeast(version, 21, 7)) {
    return { supported: false, reason: `clinic doctor breaks on Node ≥ 21.7 (this is ${nodeVersion}); clinic is no longer actively maintained` };
  }
  return { supported: true };
}

/** The file clinic writes for a run of `tool` (`<pid>.clinic-<tool>.html` in its --dest). */
export function clinicHtmlSuffix(tool: ClinicTool): string {
  return `.clinic-${tool}.html`;
}
