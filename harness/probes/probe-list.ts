/**
 * Every probe, listed in one place: /proc probes for any target, the agent for Node targets, and the
 * target's /metrics when it serves one.
 */
import type { AgentConnection } from '../agent/index.ts';
import { AgentProbe } from './agent-probe.ts';
import { FdProbe } from './fd-probe.ts';
import { MetricsProbe } from './metrics-probe.ts';
import type { PidSource, Probe } from './probe.ts';
import { ProcessProbe } from './process-probe.ts';
import { SocketProbe } from './socket-probe.ts';

/** What the probes need to find the target. */
export interface ProbeTargets {
  pid: PidSource;
  agent?: () => AgentConnection | undefined;
  /** e.g. `http://127.0.0.1:9464/metrics` */
  metricsUrl?: string;
  /** Deadline for agent and /metrics answers; below the sample interval so samples never pile up. */
  timeoutMs: number;
}

/** Creates the probes for a target. */
export function createProbes(targets: ProbeTargets): Probe[] {
  const probes: Probe[] = [new ProcessProbe(targets.pid), new FdProbe(targets.pid), new SocketProbe(targets.pid)];
  if (targets.agent) probes.push(new AgentProbe(targets.agent, targets.timeoutMs));
  if (targets.metricsUrl) probes.push(new MetricsProbe(targets.metricsUrl, targets.timeoutMs));
  return probes;
}
