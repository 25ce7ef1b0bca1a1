/**
 * Process-tree facts from /proc: a process's parent, its children, and which process of a target's tree
 * to measure. `sh -c`, npm and tsx put wrapper processes above the real target.
 */
import { readFileSync } from 'node:fs';

// /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
    throw error;
  }
}

/** The parent pid, or undefined when the process is gone. */
export function parentPid(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/** True when the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== undefined && fields[0] !== 'Z' && fields[0] !== 'X';
}

/** Direct children of a process (all its threads' children). */
export function childPids(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text === '' ? [] : text.split(' ').map(Number);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** True when `ancestor` is `pid`'s parent, grandparent, … (bounded walk). */
export function isAncestor(ancestor: number, pid: number): boolean {
  let current: number | undefined = pid;
  for (let depth = 0; depth < 64 && current !== undefined && current > 1; depth++) {
    current = parentPid(current);
    if (current === ancestor) return true;
  }
  return false;
}

/** Follows a chain of single children down from `root` (sh → npm → node): the process doing the work. */
export function leafOfSingleChain(root: number): number {
  let current = root;
  for (let depth = 0; depth < 16; depth++) {
    const children = childPids(current);
    if (children.length !== 1 || children[0] === undefined) return current;
    current = children[0];
  }
  return current;
}
