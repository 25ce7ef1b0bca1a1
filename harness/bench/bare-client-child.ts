/**
 * The reference consumer of the socket benchmark, in its own process: a bare `ws` client on the same
 * combined-stream URL the collector uses, that only decodes and JSON.parses each frame and counts it.
 * IPC: `ready` once the socket is open, then `stats` answers; exits when the parent disconnects.
 */
import WebSocket from 'ws';
import { ownCpuMs } from './cpu-timer.ts';

/** Child → parent; `atMs` is the child's wall clock when it read its counters. */
export type BareClientMessage = { type: 'ready' } | { type: 'stats'; atMs: number; cpuMs: number; messages: number } | { type: 'error'; message: string };

function main(url: string): void {
  const send = (message: BareClientMessage): void => void process.send?.(message);
  let messages = 0;
  let sink = 0;
  const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 4 * 1024 * 1024 });
  ws.on('open', () => send({ type: 'ready' }));
  ws.on('message', (data: Buffer) => {
    sink += (JSON.parse(data.toString('utf8')) as { data?: { u?: number } }).data?.u ?? 0;
    messages++;
  });
  ws.on('error', (error) => send({ type: 'error', message: error.message }));
  ws.on('close', (code) => send({ type: 'error', message: `socket closed (code ${code}) after ${messages} messages (${sink > 0 ? 'data seen' : 'no data'})` }));
  process.on('message', (request: { type?: string }) => {
    if (request?.type === 'stats') send({ type: 'stats', atMs: Date.now(), cpuMs: ownCpuMs(), messages });
  });
  process.once('disconnect', () => {
    ws.removeAllListeners('close');
    ws.terminate();
    process.exit(0);
  });
}

const url = process.argv[2];
if (process.send === undefined || url === undefined || !url.startsWith('ws://127.0.0.1:')) {
  process.stderr.write('bare-client-child: run by the socket benchmark over IPC with a ws://127.0.0.1 URL\n');
  process.exitCode = 2;
} else {
  main(url);
}
