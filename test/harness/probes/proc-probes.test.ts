import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { FdProbe, isAlive, isAncestor, leafOfSingleChain, parseTcpTable, ProcessProbe, SocketProbe, countSockets } from '../../../harness/probes/index.ts';

const self = (): number => process.pid;

describe('ProcessProbe on this process', () => {
  it('reads RSS and threads close to what Node reports, and CPU used since the previous sample', async () => {
    const probe = new ProcessProbe(self);
    await probe.sample();
    // Burn 100 ms of CPU (not wall time: the cores are shared), bounded at 5 s of wall time.
    const start = process.cpuUsage();
    const deadline = performance.now() + 5000;
    let spin = 0;
    while (performance.now() < deadline) {
      for (let i = 0; i < 10_000; i++) spin += Math.sqrt(spin + 1);
      const used = process.cpuUsage(start);
      if (used.user + used.system >= 100_000) break;
    }
    const sample = await probe.sample();
    const rss = process.memoryUsage().rss;
    expect(sample.pid).toBe(process.pid);
    expect(sample.rss).toBeGreaterThan(rss * 0.8);
    expect(sample.rss).toBeLessThan(rss * 1.2);
    expect(sample.threads).toBeGreaterThanOrEqual(1);
    // Tick granularity is 10 ms, so allow two ticks of rounding.
    expect((sample.cpu?.user ?? 0) + (sample.cpu?.system ?? 0)).toBeGreaterThanOrEqual(80);
    expect(spin).toBeGreaterThan(0);
    probe.close();
  });

  it('returns nothing when there is no process to measure yet', async () => {
    expect(await new ProcessProbe(() => undefined).sample()).toEqual({});
  });
});

describe('FdProbe and SocketProbe on this process', () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    if (server) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('counts a file descriptor by kind while it is open', async () => {
    const probe = new FdProbe(self);
    const before = (await probe.sample()).fds;
    const fd = openSync(import.meta.filename, 'r');
    const during = (await probe.sample()).fds;
    closeSync(fd);
    const after = (await probe.sample()).fds;
    expect(during?.file).toBe((before?.file ?? 0) + 1);
    expect(during?.total).toBe((before?.total ?? 0) + 1);
    expect(after?.file).toBe(before?.file);
  });

  it('sees a listening socket and both ends of a loopback connection by state', async () => {
    const probe = new SocketProbe(self);
    const before = (await probe.sample()).sockets;
    server = createServer((socket) => sockets.push(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const accepted = once(server, 'connection');
    const client = createConnection(port, '127.0.0.1');
    sockets.push(client);
    await Promise.all([once(client, 'connect'), accepted]);
    const during = (await probe.sample()).sockets;
    expect(during?.listen).toBe((before?.listen ?? 0) + 1);
    expect(during?.established).toBe((before?.established ?? 0) + 2);
    expect(during?.total).toBe((before?.total ?? 0) + 3);
  });

  it('parses the kernel TCP table and ignores inode 0 (TIME_WAIT has no owner)', () => {
    const table = parseTcpTable(
      [
        '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
        '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1 0 100 0 0 10 0',
        '   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 222 1 0 20 4 30 10 -1',
        '   2: 0100007F:C351 0100007F:1F90 08 00000000:00000000 00:00000000 00000000  1000        0 333 1 0 20 4 30 10 -1',
        '   3: 0100007F:C352 0100007F:1F90 06 00000000:00000000 03:00000F9F 00000000     0        0 0 3 0',
        '   4: 0100007F:C353 0100007F:1F90 02 00000000:00000000 00:00000000 00000000  1000        0 444 1 0 20 4 30 10 -1',
      ].join('\n'),
    );
    expect(countSockets(new Set(['111', '222', '333', '444', '999']), table)).toEqual({ established: 1, closeWait: 1, timeWait: 0, listen: 1, other: 1, total: 4 });
  });
});

describe('process tree', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
  });

  it('follows sh -c down to the process doing the work', async () => {
    child = spawn('sh', ['-c', 'sleep 5; true'], { stdio: 'ignore' });
    const sh = child.pid ?? -1;
    let leaf = sh;
    // sh forks sleep right after starting; bounded wait for the child to appear.
    for (let i = 0; i < 100 && leaf === sh; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      leaf = leafOfSingleChain(sh);
    }
    expect(leaf).not.toBe(sh);
    expect(isAncestor(sh, leaf)).toBe(true);
    expect(isAncestor(process.pid, leaf)).toBe(true);
    expect(isAncestor(leaf, sh)).toBe(false);
    expect(isAlive(leaf)).toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(isAlive(sh)).toBe(false);
  });
});
