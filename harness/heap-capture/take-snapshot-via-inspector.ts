/**
 * Heap snapshot of another Node process over the DevTools protocol, for a target started with
 * `--inspect=127.0.0.1:0`: checks free memory against the target's heap (Runtime.getHeapUsage), then
 * HeapProfiler.takeHeapSnapshot with each addHeapSnapshotChunk written straight to disk — the socket is
 * paused while the file catches up, so a multi-GB snapshot never sits in our memory. The file is written
 * under a `.partial` name and renamed when complete, so a killed run never leaves a truncated snapshot
 * that looks whole.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { get } from 'node:http';
import WebSocket from 'ws';
import { SoakError } from '../errors.ts';
import { assertMemoryForSnapshot } from './assert-memory-for-snapshot.ts';

/** Options for one inspector snapshot. */
export interface InspectorSnapshotOptions {
  /** Give up after this long (default 10 minutes: ~16 s per 100 MB of heap, measured here). */
  timeoutMs?: number;
  /** Refuse when free memory is below 10× the target's heap used (default true). */
  checkMemory?: boolean;
  /** Memory available to the snapshot, when the caller knows better than the OS (a cgroup budget, say). */
  availableBytes?: number;
}

/** What was written. */
export interface InspectorSnapshotResult {
  file: string;
  bytes: number;
  durationMs: number;
  /** The target's heap used just before the snapshot, as the inspector reported it. */
  heapUsedBytes: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function fail(message: string, cause?: unknown): SoakError {
  return new SoakError('SOAK_ERR_HEAP_SNAPSHOT', `heap snapshot via inspector: ${message}`, cause === undefined ? undefined : { cause });
}

/** Resolves a port (the target's --inspect port) or a ws:// URL to the target's debugger WebSocket URL. */
export async function resolveInspectorUrl(inspectorUrlOrPort: string | number, timeoutMs = 5000): Promise<string> {
  const text = String(inspectorUrlOrPort);
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port < 1 || port > 65_535) throw fail(`port ${text} is out of range`);
    const list = await fetchJson(`http://127.0.0.1:${port}/json/list`, timeoutMs);
    const entry = Array.isArray(list) ? (list[0] as { webSocketDebuggerUrl?: unknown } | undefined) : undefined;
    if (typeof entry?.webSocketDebuggerUrl !== 'string') throw fail(`no debuggable target listed at 127.0.0.1:${port}`);
    return entry.webSocketDebuggerUrl;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw fail(`'${text}' is neither a port nor a ws:// URL`, error);
  }
  if (url.protocol !== 'ws:') throw fail(`'${text}' is not a ws:// URL`);
  if (!LOOPBACK.has(url.hostname)) throw fail(`only loopback targets are allowed (got ${url.hostname})`);
  return text;
}

function fetchJson(url: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = get(url, { timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(fail(`${url} did not answer JSON`, error));
        }
      });
      response.on('error', (error) => reject(fail(`reading ${url} failed`, error)));
    });
    request.on('timeout', () => request.destroy(fail(`${url} did not answer within ${timeoutMs} ms`)));
    request.on('error', (error) => reject(error instanceof SoakError ? error : fail(`cannot reach ${url} (${(error as NodeJS.ErrnoException).code ?? error.message})`, error)));
  });
}

/** Takes a heap snapshot of the inspected process and streams it to `outFile`. */
export async function takeSnapshotViaInspector(inspectorUrlOrPort: string | number, outFile: string, options: InspectorSnapshotOptions = {}): Promise<InspectorSnapshotResult> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const startedAt = performance.now();
  const url = await resolveInspectorUrl(inspectorUrlOrPort);
  const partial = `${outFile}.partial`;
  const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  const file = createWriteStream(partial);
  let bytes = 0;
  let nextId = 1;
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  let timer: NodeJS.Timeout | undefined;

  const call = (method: string, params: Record<string, unknown> = {}): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }), (error) => {
        if (error) {
          pending.delete(id);
          reject(fail(`sending ${method} failed`, error));
        }
      });
    });
  const rejectAll = (error: Error): void => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  const onMessage = (data: WebSocket.RawData): void => {
    let message: { id?: number; method?: string; params?: { chunk?: unknown }; result?: unknown; error?: { message?: string } };
    try {
      message = JSON.parse(data.toString()) as typeof message;
    } catch (error) {
      rejectAll(fail('the inspector sent a malformed message', error));
      return;
    }
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk' && typeof message.params?.chunk === 'string') {
      const chunk = message.params.chunk;
      bytes += Buffer.byteLength(chunk);
      // Backpressure: stop reading the socket until the file has drained.
      if (!file.write(chunk)) {
        socket.pause();
        file.once('drain', () => socket.resume());
      }
      return;
    }
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(fail(`the inspector refused: ${message.error.message ?? 'unknown error'}`));
    else waiter.resolve(message.result);
  };
  const onClose = (): void => rejectAll(fail('the inspector connection closed before the snapshot was complete'));
  const onSocketError = (error: Error): void => rejectAll(fail(`inspector connection failed (${error.message})`, error));
  const onFileError = (error: Error): void => rejectAll(fail(`cannot write ${partial} (${error.message})`, error));

  socket.on('message', onMessage);
  socket.on('close', onClose);
  socket.on('error', onSocketError);
  file.on('error', onFileError);
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(fail(`no complete snapshot within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
    });
    const work = (async () => {
      await Promise.race([once(socket, 'open'), once(socket, 'close').then(() => Promise.reject(fail(`cannot connect to ${url}`)))]);
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize?: unknown } | undefined;
      const heapUsedBytes = typeof usage?.usedSize === 'number' ? usage.usedSize : Number.NaN;
      if (options.checkMemory !== false) assertMemoryForSnapshot(heapUsedBytes, options.availableBytes);
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      file.end();
      await once(file, 'finish');
      return heapUsedBytes;
    })();
    // If the deadline wins, `work` may still reject later; that error is already reported as the timeout.
    work.catch(() => undefined);
    // Errors from either side reject `work` through the pending calls; the race adds the deadline.
    const heapUsedBytes = await Promise.race([work, timeout]);
    await rename(partial, outFile);
    return { file: outFile, bytes, durationMs: performance.now() - startedAt, heapUsedBytes };
  } catch (error) {
    file.destroy();
    await rm(partial, { force: true });
    throw error instanceof SoakError ? error : fail((error as Error).message, error);
  } finally {
    if (timer) clearTimeout(timer);
    socket.off('message', onMessage);
    socket.off('close', onClose);
    file.off('error', onFileError);
    socket.terminate();
    // Keep a listener so a late socket error after terminate() cannot crash the process.
    socket.off('error', onSocketError);
    socket.on('error', () => undefined);
  }
}
