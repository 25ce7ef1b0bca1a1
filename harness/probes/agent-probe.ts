/**
 * Heap, GC, event-loop and active-resource figures from the agent inside a Node target.
 */
import type { AgentConnection } from '../agent/index.ts';
import type { Probe } from './probe.ts';
import type { Sample } from './sample.ts';

/** Samples the measured agent, if one is connected. */
export class AgentProbe implements Probe {
  readonly name = 'agent';
  #agent: () => AgentConnection | undefined;
  #timeoutMs: number;
  /** Requests the agent did not answer in time (a frozen or dying target). */
  timeouts = 0;

  constructor(agent: () => AgentConnection | undefined, timeoutMs: number) {
    this.#agent = agent;
    this.#timeoutMs = timeoutMs;
  }

  async sample(): Promise<Partial<Sample>> {
    const agent = this.#agent();
    if (!agent) return {};
    try {
      const reply = await agent.sample(this.#timeoutMs);
      const memory: Partial<Sample> = {
        heapUsed: reply.heapUsed, heapTotal: reply.heapTotal, external: reply.external, arrayBuffers: reply.arrayBuffers,
        heapSpaces: reply.heapSpaces, handles: reply.handles,
      };
      // Instruments switched off for part of the interval saw only part of it: absent, never understated.
      if (reply.instrumentsOn === false) return memory;
      return { ...memory, heapAfterGc: reply.heapAfterGc, gc: reply.gc, eventLoop: reply.eventLoop };
    } catch (error) {
      // A missed agent sample leaves those fields absent for this interval; /proc figures still stand.
      if (!(error instanceof Error)) throw error;
      this.timeouts += 1;
      return {};
    }
  }

  close(): void {
    // The agent server owns the connection.
  }
}
