export { bundleAgent } from './agent-bundle.ts';
export { AgentConnection, AgentServer } from './agent-server.ts';
export type { AgentHello, AgentInstrumentsReply, AgentMessage, AgentRequest, AgentSampleReply, AgentSnapshotReply } from './agent-protocol.ts';
