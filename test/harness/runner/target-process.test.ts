import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { childPids, isAlive } from '../../../harness/probes/index.ts';
import { groupMembers, TargetProcess } from '../../../harness/runner/index.ts';

describe('TargetProcess', () => {
  let dir: string;
  let target: TargetProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'soak-target-'));
  });
  afterEach(async () => {
    target?.killNow();
    if (target) await target.exited;
    target = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (script: string): Promise<TargetProcess> =>
    TargetProcess.start({ command: '/bin/sh', args: ['-c', script], env: process.env, cwd: dir, logFile: join(dir, 'target.log') });

  async function children(pid: number, count: number): Promise<number[]> {
    // Bounded wait for the shell to fork its children.
    for (let i = 0; i < 200; i++) {
      const found = childPids(pid);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`expected ${count} children of ${pid}`);
  }

  it('stops the whole process group, grandchildren included', async () => {
    target = await start('sleep 30 & sleep 30 & wait');
    const kids = await children(target.pid, 2);
    expect(groupMembers(target.pid).sort()).toEqual([target.pid, ...kids].sort());
    const exit = await target.stop(2000);
    expect(exit.signal).toBe('SIGTERM');
    for (const pid of [target.pid, ...kids]) expect(isAlive(pid)).toBe(false);
    expect(groupMembers(target.pid)).toEqual([]);
  });

  it('SIGKILLs a target that ignores SIGTERM once the grace period is over', async () => {
    target = await start("trap '' TERM; echo ready; while :; do sleep 0.05; done");
    await children(target.pid, 1);
    const started = performance.now();
    const exit = await target.stop(300);
    expect(exit.signal).toBe('SIGKILL');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(isAlive(target.pid)).toBe(false);
    expect(readFileSync(join(dir, 'target.log'), 'utf8')).toContain('ready');
  });

  it('reports a target that dies on its own with its code and last stderr lines', async () => {
    target = await start('echo starting >&2; echo "fatal: no config" >&2; exit 3');
    const exit = await target.exited;
    expect(exit).toEqual({ code: 3, signal: null, lastStderr: ['starting', 'fatal: no config'] });
  });

  it('survives a log file that cannot be written, and says so in the stderr tail', async () => {
    target = await TargetProcess.start({ command: '/bin/sh', args: ['-c', 'sleep 0.2; echo "late line" >&2; exit 4'], env: process.env, cwd: dir, logFile: join(dir, 'missing-dir', 'target.log') });
    const exit = await target.exited;
    expect(exit.code).toBe(4);
    expect(exit.lastStderr.join('\n')).toMatch(/target\.log not written: ENOENT/);
    expect(exit.lastStderr).toContain('late line');
  });

  it('refuses a command that cannot be spawned with SOAK_ERR_TARGET', async () => {
    await expect(TargetProcess.start({ command: join(dir, 'nope'), args: [], env: process.env, cwd: dir, logFile: join(dir, 'x.log') })).rejects.toMatchObject({ code: 'SOAK_ERR_TARGET' });
  });
});
