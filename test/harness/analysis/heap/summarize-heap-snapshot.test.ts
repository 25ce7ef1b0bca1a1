// Node ids past 2^24 (where a Float32 would merge neighbours) and past 2^32 (where a Uint32 would wrap) stay exact in a summary.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHeapSnapshot, summarizeHeapSnapshot } from '../../../../harness/analysis/heap/index.ts';
import { hasId } from '../../../../harness/analysis/heap/summarize-heap-snapshot.ts';

const LTS_FIXTURE = new URL('../../../../fixtures/heap/node-lts-format.heapsnapshot', import.meta.url).pathname;
const FIELDS = 6;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'soak-heap-ids-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The fixture with node `ordinal`'s id replaced, for each entry of `ids`. */
async function fixtureWithIds(name: string, ids: Record<number, number>): Promise<string> {
  const data = JSON.parse(readFileSync(LTS_FIXTURE, 'utf8')) as { nodes: number[] };
  for (const [ordinal, id] of Object.entries(ids)) data.nodes[Number(ordinal) * FIELDS + 2] = id;
  const path = join(scratch, name);
  await writeFile(path, JSON.stringify(data));
  return path;
}

describe('summarizeHeapSnapshot ids', () => {
  it('keeps ids just past 2^24 distinct, in 32-bit storage', async () => {
    const snapshot = await parseHeapSnapshot(await fixtureWithIds('ids-2-24.heapsnapshot', { 4: 2 ** 24, 5: 2 ** 24 + 1, 6: 2 ** 24 + 3 }));
    const { ids } = summarizeHeapSnapshot(snapshot);
    expect(ids).toBeInstanceOf(Uint32Array);
    expect(ids.length).toBe(15);
    expect([2 ** 24, 2 ** 24 + 1, 2 ** 24 + 3].every((id) => hasId(ids, id))).toBe(true);
    expect(hasId(ids, 2 ** 24 + 2)).toBe(false);
    expect(Array.from(ids).every((id, i) => i === 0 || (ids[i - 1] as number) < id)).toBe(true);
  });

  it('widens to 64-bit storage when an id does not fit 32 bits, rather than wrapping it', async () => {
    const snapshot = await parseHeapSnapshot(await fixtureWithIds('ids-2-32.heapsnapshot', { 3: 2 ** 32 + 7, 12: 2 ** 32 - 1 }));
    const { ids } = summarizeHeapSnapshot(snapshot);
    expect(ids).toBeInstanceOf(Float64Array);
    expect(hasId(ids, 2 ** 32 + 7)).toBe(true);
    expect(hasId(ids, 2 ** 32 - 1)).toBe(true);
    expect(hasId(ids, 7)).toBe(false);
    expect(ids.at(-1)).toBe(2 ** 32 + 7);
  });
});
