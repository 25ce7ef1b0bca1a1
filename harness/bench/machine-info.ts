/**
 * The machine behind a figure: CPU model, cores, Node and V8 versions, memory and load. Every result
 * carries it, because absolute rates only hold on the machine that produced them (ratios travel better).
 */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { MachineInfo } from './bench-result.ts';

/** Describes this machine now (load average included). */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()}`,
    totalMemBytes: totalmem(),
    loadAvgStart: round2(loadavg()[0] ?? NaN),
  };
}

/** The current 1-minute load average, rounded. */
export function loadAverageNow(): number {
  return round2(loadavg()[0] ?? NaN);
}

/** One line for the console and the Markdown header. */
export function describeMachine(machine: MachineInfo): string {
  const load = machine.loadAvgEnd === undefined ? `${machine.loadAvgStart}` : `${machine.loadAvgStart}→${machine.loadAvgEnd}`;
  return `${machine.cpuModel} · ${machine.cores} cores · Node ${machine.node} (V8 ${machine.v8}) · ${(machine.totalMemBytes / 2 ** 30).toFixed(1)} GiB · load ${load}`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
