import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentServer, bundleAgent, type AgentConnection } from '../../../harness/agent/index.ts';
import { AgentProbe } from '../../../harness/probes/index.ts';

// Garbage all the time, and an old generation that fills and empties, so minor and major GCs happen naturally.
const BUSY_TARGET = `
let kept = [];
setInterval(() => {
  for (let i = 0; i < 20; i++) kept.push(new Array(2000).fill(i + 0.5));
  if (kept.length > 4000) kept = [];
}, 5);
`;

describe('agent (bundled, preloaded into a real Node process)', () => {
  let dir: string;
  let bundle: string;
  let server: AgentServer | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'soak-agent-'));
    bundle = await bundleAgent(join(dir, 'agent.cjs'));
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    if (child && child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    child = undefined;
    await server?.close();
    server = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = (script: string, socket: string): ChildProcess =>
    spawn(process.execPath, ['--require', bundle, '-e', script], { env: { ...process.env, SOAK_AGENT_SOCKET: socket }, stdio: ['ignore', 'ignore', 'pipe'] });

  async function connectedAgent(script: string): Promise<AgentConnection> {
    const socket = join(dir, 'a.sock');
    let resolveAgent: (agent: AgentConnection) => void = () => undefined;
    const connected = new Promise<AgentConnection>((resolve) => (resolveAgent = resolve));
    server = await AgentServer.listen(socket, (agent) => resolveAgent(agent));
    child = start(script, socket);
    return connected;
  }

  it('says hello and reports heap, every GC by kind, loop delay and the target’s own handles', async () => {
    const agent = await connectedAgent(BUSY_TARGET);
    expect(agent.pid).toBe(child?.pid);
    expect(agent.hello.node).toBe(process.version);
    let gcCount = 0;
    let minor = 0;
    let afterMajor: number[] = [];
    let reply = await agent.sample(5000);
    // Bounded: up to 30 half-second intervals for the first natural major GC.
    for (let i = 0; i < 30 && afterMajor.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      reply = await agent.sample(5000);
      gcCount += reply.gc.count;
      minor += reply.gc.byKind.minor.count;
      afterMajor = afterMajor.concat(reply.heapAfterGc);
      expect(reply.gc.pausesMs.length).toBe(Math.min(reply.gc.count, 2048));
    }
    expect(gcCount).toBeGreaterThan(0);
    expect(minor).toBeGreaterThan(0);
    expect(afterMajor.length).toBeGreaterThan(0);
    expect(afterMajor[0]).toBeGreaterThan(1_000_000);
    expect(reply.heapUsed).toBeGreaterThan(1_000_000);
    expect(reply.heapSpaces.old_space).toBeGreaterThan(0);
    expect(reply.eventLoop.max).toBeGreaterThan(0);
    expect(reply.handles.Timeout).toBe(1);
    expect(reply.handles.PipeWrap).toBeUndefined();
    expect(reply.agentErrors).toBe(0);
    // The agent times its own work: it has handled many samples and GC batches by now, never a negative or wild figure.
    const busy = reply.agentBusyMs ?? NaN;
    expect(busy).toBeGreaterThan(0);
    expect(busy).toBeLessThan(10_000);
    const later = await agent.sample(5000);
    expect(later.agentBusyMs ?? NaN).toBeGreaterThan(busy);
  }, 30_000);

  it('writes a heap snapshot on request after a forced GC that is counted apart from the target’s GCs', async () => {
    const agent = await connectedAgent('globalThis.keep = new Map([[1, { big: new Array(1000).fill(1) }]]); setInterval(() => {}, 1000);');
    await agent.sample(5000);
    const path = join(dir, 'one.heapsnapshot');
    const reply = await agent.snapshot(path, true, 30_000);
    expect(reply).toMatchObject({ ok: true, path });
    expect(reply.forcedGcMs).toBeGreaterThan(0);
    expect(existsSync(path)).toBe(true);
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(12);
    readSync(fd, head, 0, 12, 0);
    closeSync(fd);
    expect(head.toString()).toBe('{"snapshot":');
    const after = await agent.sample(5000);
    expect(after.forcedGcs).toBeGreaterThanOrEqual(1);
    expect(after.heapAfterGc).toEqual([]);
  }, 30_000);

  it('switches its instruments off and on: off it counts no GC, and an interval partly off is flagged and left out by the probe', async () => {
    const agent = await connectedAgent(BUSY_TARGET);
    const probe = new AgentProbe(() => agent, 5000);
    expect(await agent.instruments(false, 5000)).toMatchObject({ type: 'instruments', on: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const off = await agent.sample(5000);
    expect(off.instrumentsOn).toBe(false);
    expect(off.gc.count).toBe(0);
    expect(off.eventLoop).toEqual({ p50: 0, p99: 0, max: 0 });
    expect(off.heapUsed).toBeGreaterThan(1_000_000);
    expect(await agent.instruments(true, 5000)).toMatchObject({ on: true });
    // Turned on since the last sample: the interval was partly off, so the probe reports memory only.
    const partial = await probe.sample();
    expect(partial.heapUsed).toBeGreaterThan(1_000_000);
    expect(partial.gc).toBeUndefined();
    expect(partial.eventLoop).toBeUndefined();
    // Bounded: up to 20 intervals of 100 ms until the busy target's next GC is seen.
    let gcCount = 0;
    let full: Awaited<ReturnType<AgentProbe['sample']>> = {};
    for (let i = 0; i < 20 && gcCount === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      full = await probe.sample();
      gcCount += full.gc?.count ?? 0;
    }
    expect(gcCount).toBeGreaterThan(0);
    expect(full.eventLoop?.max).toBeGreaterThan(0);
    expect(probe.timeouts).toBe(0);
  }, 30_000);

  it('never keeps the target alive, with or without a runner listening', async () => {
    const socket = join(dir, 'b.sock');
    let hellos = 0;
    server = await AgentServer.listen(socket, () => (hellos += 1));
    child = start('setTimeout(() => {}, 50);', socket);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(hellos).toBeLessThanOrEqual(1);

    let stderr = '';
    child = start('setTimeout(() => {}, 50);', join(dir, 'nobody-listens.sock'));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code2] = (await once(child, 'exit')) as [number | null];
    expect(code2).toBe(0);
    expect(stderr).toBe('');
  }, 30_000);
});
