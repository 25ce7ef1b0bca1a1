/**
 * The runner's end of the agent socket: accepts agents (one per Node process of the target), sends them
 * requests and matches replies by id, with a timeout so a frozen target never stalls the runner.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AgentHello, AgentInstrumentsReply, AgentMessage, AgentRequest, AgentSampleReply, AgentSnapshotReply } from './agent-protocol.ts';

// Sample replies are a few KB; a snapshot reply is smaller. Anything bigger is not an agent.
const MAX_LINE_BYTES = 4 * 1024 * 1024;

type Pending = { resolve: (message: AgentMessage) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** One connected agent. */
export class AgentConnection {
  readonly hello: AgentHello;
  #socket: Socket;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(hello: AgentHello, socket: Socket) {
    this.hello = hello;
    this.#socket = socket;
  }

  get pid(): number {
    return this.hello.pid;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Asks for a sample; rejects after `timeoutMs`. */
  async sample(timeoutMs: number): Promise<AgentSampleReply> {
    return (await this.#request({ type: 'sample', id: this.#nextId++ }, timeoutMs)) as AgentSampleReply;
  }

  /** Asks for a heap snapshot at `path` (a GC is forced first when `forceGc`). */
  async snapshot(path: string, forceGc: boolean, timeoutMs: number): Promise<AgentSnapshotReply> {
    return (await this.#request({ type: 'snapshot', id: this.#nextId++, path, forceGc }, timeoutMs)) as AgentSnapshotReply;
  }

  /** Turns the agent's standing instruments off or on (see AgentRequest `instruments`). */
  async instruments(on: boolean, timeoutMs: number): Promise<AgentInstrumentsReply> {
    return (await this.#request({ type: 'instruments', id: this.#nextId++, on }, timeoutMs)) as AgentInstrumentsReply;
  }

  #request(request: AgentRequest, timeoutMs: number): Promise<AgentMessage> {
    if (this.#closed) return Promise.reject(new Error(`agent ${this.pid} is gone`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(request.id);
        reject(new Error(`agent ${this.pid} did not answer ${request.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(request.id, { resolve, reject, timer });
      this.#socket.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** Called by the server for each reply line. */
  receive(message: AgentMessage): void {
    if (message.type === 'hello') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    clearTimeout(pending.timer);
    pending.resolve(message);
  }

  /** Fails outstanding requests and drops the socket. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`agent ${this.pid} disconnected`));
    }
    this.#pending.clear();
    this.#socket.destroy();
  }
}

/** Listens on a Unix socket for agents. */
export class AgentServer {
  readonly path: string;
  #server: Server;
  #agents = new Set<AgentConnection>();
  #sockets = new Set<Socket>();
  #onAgent: ((agent: AgentConnection) => void) | undefined;
  /** Lines that were not valid agent messages (counted, never fatal). */
  badLines = 0;
  /** Agent sockets that ended in an error (a target killed mid-write). */
  socketErrors = 0;

  private constructor(path: string, server: Server) {
    this.path = path;
    this.#server = server;
  }

  /** Starts listening at `path` (a stale socket file there is replaced). */
  static async listen(path: string, onAgent?: (agent: AgentConnection) => void): Promise<AgentServer> {
    if (existsSync(path)) unlinkSync(path);
    const server = createServer();
    const agentServer = new AgentServer(path, server);
    agentServer.#onAgent = onAgent;
    server.on('connection', (socket) => agentServer.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return agentServer;
  }

  /** Agents currently connected. */
  agents(): AgentConnection[] {
    return [...this.#agents].filter((agent) => !agent.closed);
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    socket.setEncoding('utf8');
    let buffer = '';
    let agent: AgentConnection | undefined;
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_LINE_BYTES) {
        this.badLines += 1;
        socket.destroy();
        return;
      }
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
        const message = this.#parse(line);
        if (!message) continue;
        if (!agent && message.type === 'hello') {
          agent = new AgentConnection(message, socket);
          this.#agents.add(agent);
          this.#onAgent?.(agent);
        } else agent?.receive(message);
      }
    });
    // A target that dies mid-write resets its socket; 'close' follows and cleans up.
    socket.on('error', () => {
      this.socketErrors += 1;
    });
    socket.on('close', () => {
      this.#sockets.delete(socket);
      if (agent) {
        agent.close();
        this.#agents.delete(agent);
      }
    });
  }

  #parse(line: string): AgentMessage | undefined {
    try {
      const message = JSON.parse(line) as AgentMessage;
      if (typeof message === 'object' && message !== null && typeof message.type === 'string') return message;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
    }
    this.badLines += 1;
    return undefined;
  }

  /** Disconnects every agent, stops listening and removes the socket file. */
  async close(): Promise<void> {
    for (const agent of this.#agents) agent.close();
    this.#agents.clear();
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    if (existsSync(this.path)) unlinkSync(this.path);
  }
}
