import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHeapSnapshot } from '../../../harness/analysis/heap/index.ts';
import { SoakError } from '../../../harness/errors.ts';
import { resolveInspectorUrl, takeSnapshotViaInspector } from '../../../harness/heap-capture/index.ts';

// A target with 123 planted instances, kept alive by a module-level array and a pending timer.
const TARGET = `
class InspectedThing { constructor(i) { this.i = i; } }
const kept = [];
for (let i = 0; i < 123; i++) kept.push(new InspectedThing(i));
setInterval(() => kept.length, 60_000);
`;

let child: ChildProcess | undefined;
let dir: string;

/** Starts the target with --inspect=127.0.0.1:0 and returns the ws URL it prints. */
async function startTarget(): Promise<{ url: string; port: number }> {
  const started = spawn(process.execPath, ['--inspect=127.0.0.1:0', '-e', TARGET], { stdio: ['ignore', 'ignore', 'pipe'] });
  child = started;
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(stderr);
      if (match?.[1]) resolve(match[1]);
    });
    started.once('exit', (code) => reject(new Error(`target exited ${code}: ${stderr}`)));
  });
  return { url, port: Number(new URL(url).port) };
}

async function countByName(path: string, name: string): Promise<number> {
  const snapshot = await parseHeapSnapshot(path);
  let count = 0;
  for (let node = 0; node < snapshot.nodeCount; node++) {
    if (snapshot.nodeTypeName(node) === 'object' && snapshot.nodeName(node) === name) count++;
  }
  return count;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soak-heap-capture-'));
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
  child = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('takeSnapshotViaInspector', () => {
  it('streams a snapshot of another process to disk, found by its --inspect port', async () => {
    const { port } = await startTarget();
    const out = join(dir, 'target.heapsnapshot');
    const result = await takeSnapshotViaInspector(port, out);
    expect(result.file).toBe(out);
    expect(result.bytes).toBeGreaterThan(100_000);
    expect(result.heapUsedBytes).toBeGreaterThan(0);
    expect(await countByName(out, 'InspectedThing')).toBe(123);
    expect(await readdir(dir)).toEqual(['target.heapsnapshot']);
  });

  it('refuses, before touching the target, when free memory is below 10× its heap used', async () => {
    const { url } = await startTarget();
    const out = join(dir, 'refused.heapsnapshot');
    const error = await takeSnapshotViaInspector(url, out, { availableBytes: 1024 * 1024 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SoakError);
    expect((error as SoakError).code).toBe('SOAK_ERR_HEAP_SNAPSHOT');
    expect((error as SoakError).message).toMatch(/refusing to take a heap snapshot: 1 MB of memory available, but a snapshot needs about 10× the target's \d+ MB heap used/);
    expect(existsSync(out)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
    expect(child?.exitCode).toBeNull();
  });
});

describe('resolveInspectorUrl', () => {
  it('accepts only loopback ws:// URLs and reports a port with nothing listening', async () => {
    await expect(resolveInspectorUrl('ws://10.0.0.1:9229/abc')).rejects.toThrow(/only loopback targets are allowed/);
    await expect(resolveInspectorUrl('http://127.0.0.1:9229/abc')).rejects.toThrow(/is not a ws:\/\/ URL/);
    await expect(resolveInspectorUrl('not a url')).rejects.toThrow(/neither a port nor a ws:\/\/ URL/);
    await expect(resolveInspectorUrl(70_000)).rejects.toThrow(/out of range/);
    // Port 1 on loopback: nothing listens there unprivileged.
    await expect(resolveInspectorUrl(1)).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:1\/json\/list \(ECONNREFUSED\)/);
  });
});
