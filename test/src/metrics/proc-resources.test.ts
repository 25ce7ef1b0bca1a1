import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { countFileDescriptors, countOwnedConnections, countTcpConnections } from '../../../src/metrics/index.ts';

const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 222 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 333 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:C351 0100007F:1F90 08 00000000:00000000 00:00000000 00000000  1000        0 444 1 0000000000000000 20 4 30 10 -1
`;

describe('countOwnedConnections', () => {
  it('counts owned sockets in any state but LISTEN', () => {
    // 111 is LISTEN (not a connection), 222 established, 333 someone else's, 444 CLOSE_WAIT (a leak sign, counted).
    expect(countOwnedConnections(TABLE, new Set(['111', '222', '444']))).toBe(2);
    expect(countOwnedConnections(TABLE, new Set())).toBe(0);
    expect(countOwnedConnections('header only\n', new Set(['1']))).toBe(0);
  });
});

describe('/proc counters of this process', () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    if (server) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('sees a loopback connection as two sockets (both ends are ours) and drops them after close', async () => {
    const before = await countTcpConnections();
    expect(before).toBeTypeOf('number');
    server = createServer((socket) => sockets.push(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const client = connect(port, '127.0.0.1');
    sockets.push(client);
    await Promise.all([once(client, 'connect'), once(server, 'connection')]);
    expect(await countTcpConnections()).toBe((before ?? 0) + 2);
    const closed = sockets.map((socket) => once(socket, 'close'));
    for (const socket of sockets) socket.destroy();
    await Promise.all(closed);
    expect(await countTcpConnections()).toBe(before);
  });

  it('counts an opened file descriptor', async () => {
    const before = countFileDescriptors();
    const fd = openSync(import.meta.filename, 'r');
    try {
      expect(countFileDescriptors()).toBe((before ?? 0) + 1);
    } finally {
      closeSync(fd);
    }
    expect(countFileDescriptors()).toBe(before);
  });
});
