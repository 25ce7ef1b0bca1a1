// The heapdump-compatible shim, run in a child process (a snapshot of the test worker would be slow and
// would spoil its GC for the rest of the run), and the SIGUSR2 recipe the README documents.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHeapSnapshot } from '../../../harness/analysis/heap/index.ts';
import { assertMemoryForSnapshot, defaultSnapshotFilename, SNAPSHOT_MEMORY_FACTOR } from '../../../harness/heap-capture/index.ts';
import { SoakError } from '../../../harness/errors.ts';

const SHIM = new URL('../../../harness/heap-capture/write-snapshot.ts', import.meta.url).href;
// The child runs in a temp dir (heapdump writes to the cwd), so tsx is loaded by absolute URL.
const TSX = new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soak-heap-shim-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runNode(args: string[], cwd: string): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout };
}

describe('writeSnapshot (heapdump-compatible)', () => {
  it("writes heapdump's default file name in the working directory and calls back before returning", async () => {
    const script = `
      const { writeSnapshot } = await import(${JSON.stringify(SHIM)});
      const events = [];
      const ok = writeSnapshot((error, filename) => events.push({ error: error && error.message, filename }));
      const failed = writeSnapshot('/nonexistent-dir/x.heapsnapshot', (error) => events.push({ error: error && error.code }));
      console.log(JSON.stringify({ ok, failed, events }));`;
    const { code, stdout } = await runNode(['--import', TSX, '--input-type=module', '-e', script], dir);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { ok: boolean; failed: boolean; events: Array<{ error: string | null; filename?: string }> };
    expect(result.ok).toBe(true);
    expect(result.failed).toBe(false);
    expect(result.events[0]?.error).toBeNull();
    expect(result.events[0]?.filename).toMatch(/^heapdump-\d+\.\d+\.heapsnapshot$/);
    expect(result.events[1]?.error).toBe('ENOENT');
    expect(await readdir(dir)).toEqual([result.events[0]?.filename]);
    expect(readFileSync(join(dir, result.events[0]?.filename ?? ''), 'utf8').slice(0, 12)).toBe('{"snapshot":');
  });

  it('splits the clock like heapdump: heapdump-<sec>.<usec>.heapsnapshot, unpadded', () => {
    expect(defaultSnapshotFilename(123_456_789_012_345n)).toBe('heapdump-123456789.12345.heapsnapshot');
  });
});

describe('the SIGUSR2 recipe: node --heapsnapshot-signal=SIGUSR2', () => {
  it('writes a complete snapshot into --diagnostic-dir when the process gets SIGUSR2', async () => {
    // The child answers each stdin line; once the file exists, one more answer proves the synchronous write ended.
    const script = `process.stdin.on('data', () => process.stdout.write('pong\\n')); process.stdout.write('ready\\n');`;
    const child = spawn(process.execPath, ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`, '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe('ready');
      child.kill('SIGUSR2');
      let files: string[] = [];
      for (let round = 0; round < 200 && files.length === 0; round++) {
        child.stdin.write('ping\n');
        expect((await lines.next()).value).toBe('pong');
        files = (await readdir(dir)).filter((name) => name.endsWith('.heapsnapshot'));
      }
      child.stdin.write('ping\n');
      expect((await lines.next()).value).toBe('pong');
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(new RegExp(`^Heap\\.\\d{8}\\.\\d{6}\\.${child.pid}\\.0\\.\\d+\\.heapsnapshot$`));
      const snapshot = await parseHeapSnapshot(join(dir, files[0] ?? ''));
      expect(snapshot.nodeCount).toBeGreaterThan(1000);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  });
});

describe('assertMemoryForSnapshot', () => {
  it('passes at 10× the heap used and refuses below it with a coded, readable error', () => {
    const heapUsed = 50 * 1024 * 1024;
    expect(() => assertMemoryForSnapshot(heapUsed, heapUsed * SNAPSHOT_MEMORY_FACTOR)).not.toThrow();
    let error: unknown;
    try {
      assertMemoryForSnapshot(heapUsed, heapUsed * SNAPSHOT_MEMORY_FACTOR - 1);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SoakError);
    expect((error as SoakError).code).toBe('SOAK_ERR_HEAP_SNAPSHOT');
    expect((error as SoakError).message).toBe(
      "refusing to take a heap snapshot: 500 MB of memory available, but a snapshot needs about 10× the target's 50 MB heap used (500 MB)",
    );
    expect(() => assertMemoryForSnapshot(Number.NaN, 1e12)).toThrow(/non-negative number of bytes/);
    expect(existsSync(dir)).toBe(true);
  });
});
