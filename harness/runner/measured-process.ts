/**
 * Decides which process of the target's tree the probes measure. Wrappers (sh -c, npm, the tsx CLI) sit
 * above the real target; with an agent, the deepest Node process that connected is the one doing the
 * work, otherwise the end of the chain of single children.
 */
import type { AgentConnection, AgentServer } from '../agent/index.ts';
import { isAlive, isAncestor, leafOfSingleChain } from '../probes/index.ts';

/** The agent to measure: a live one in the target's tree with no agent below it (first connected wins ties). */
export function measuredAgent(server: AgentServer, rootPid: number): AgentConnection | undefined {
  const agents = server.agents().filter((agent) => (agent.pid === rootPid || isAncestor(rootPid, agent.pid)) && isAlive(agent.pid));
  return agents.find((agent) => !agents.some((other) => other !== agent && isAncestor(agent.pid, other.pid)));
}

/** The pid to measure now, or undefined when the target is gone. */
export function measuredPid(server: AgentServer, rootPid: number): number | undefined {
  const agent = measuredAgent(server, rootPid);
  if (agent) return agent.pid;
  return isAlive(rootPid) ? leafOfSingleChain(rootPid) : undefined;
}
