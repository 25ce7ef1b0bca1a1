/**
 * The fallback that always works: Node's own `--cpu-prof` and `--heap-prof` profiles, written by the
 * profiled process when it exits. This finds them in a directory and checks each is a usable profile (a
 * `.cpuprofile` has `nodes`, `startTime` and `endTime`; a `.heapprofile` has a `head` node), so a run can
 * say plainly which profiles exist and open in Chrome DevTools or speedscope.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One profile file found. */
export interface ProfileFile {
  path: string;
  kind: 'cpu' | 'heap';
  bytes: number;
  /** False when the file is not a complete profile (e.g. the process was killed mid-write). */
  valid: boolean;
  /** Sampled nodes (cpu) or allocation-tree nodes (heap), for a one-line summary. */
  nodes: number;
}

function countHeapNodes(node: unknown): number {
  // Iterative: allocation trees can be deep.
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0 && count < 10_000_000) {
    const current = stack.pop() as { children?: unknown[] } | undefined;
    if (typeof current !== 'object' || current === null) continue;
    count++;
    if (Array.isArray(current.children)) stack.push(...current.children);
  }
  return count;
}

/** Reads and checks one profile file. */
export function inspectProfile(path: string): ProfileFile {
  const kind = path.endsWith('.heapprofile') ? 'heap' : 'cpu';
  const bytes = statSync(path).size;
  let valid = false;
  let nodes = 0;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { nodes?: unknown[]; startTime?: unknown; endTime?: unknown; head?: unknown };
    if (kind === 'cpu') {
      valid = Array.isArray(data.nodes) && typeof data.startTime === 'number' && typeof data.endTime === 'number';
      nodes = Array.isArray(data.nodes) ? data.nodes.length : 0;
    } else {
      valid = typeof data.head === 'object' && data.head !== null;
      nodes = valid ? countHeapNodes(data.head) : 0;
    }
  } catch (error) {
    // A truncated or foreign file is reported as invalid, never thrown: the other profiles still count.
    if (!(error instanceof SyntaxError)) throw error;
  }
  return { path, kind, bytes, valid, nodes };
}

/** Every `.cpuprofile` and `.heapprofile` in `dir` (not recursive), checked, in name order. */
export function findProfiles(dir: string): ProfileFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.cpuprofile') || name.endsWith('.heapprofile'))
    .sort()
    .map((name) => inspectProfile(join(dir, name)));
}
