// The strings section kept as JSON text and decoded on demand: exact strings across chunk boundaries, escapes checked at parse time.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHeapSnapshot, StringTable } from '../../../../harness/analysis/heap/index.ts';
import { SoakError } from '../../../../harness/errors.ts';

const LTS_FIXTURE = new URL('../../../../fixtures/heap/node-lts-format.heapsnapshot', import.meta.url).pathname;
const fixture = JSON.parse(readFileSync(LTS_FIXTURE, 'utf8')) as Record<string, unknown> & { strings: string[] };
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'soak-heap-strings-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The fixture with `extra` strings appended after its own (the graph only names the fixture's). */
async function writeWithStrings(name: string, extra: string[]): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, JSON.stringify({ ...fixture, strings: [...fixture.strings, ...extra] }));
  return path;
}

describe('StringTable', () => {
  it('decodes plain, escaped, non-ASCII and empty strings, and answers undefined out of range', () => {
    const strings = ['', 'BTCUSDT', 'quote " and \\ backslash', 'été ✓ \u0001', 'line\nbreak'];
    const table = StringTable.from(strings);
    expect(table.length).toBe(5);
    expect(table.toArray()).toEqual(strings);
    expect(table.get(-1)).toBeUndefined();
    expect(table.get(5)).toBeUndefined();
  });

  it('returns every string exactly when escapes straddle the 1 MiB read chunks, whatever the alignment', async () => {
    // One 13-byte JSON period (a, \", é, \\, \u0002) repeated past 1 MiB: over 13 shifts, the first chunk
    // boundary falls at every offset of the period, inside each escape.
    const long = 'a"é\\\u0002'.repeat(82_000);
    for (let shift = 0; shift < 13; shift++) {
      const extra = ['x'.repeat(shift), long, 'last'];
      const snapshot = await parseHeapSnapshot(await writeWithStrings(`straddle-${shift}.heapsnapshot`, extra));
      const base = fixture.strings.length;
      expect(snapshot.strings.length).toBe(base + extra.length);
      extra.forEach((text, i) => expect(snapshot.strings.get(base + i) === text).toBe(true));
      expect(snapshot.strings.get(7)).toBe('BTCUSDT');
    }
  });

  it('refuses a malformed escape when the file is parsed, not later when the string is read', async () => {
    const path = join(scratch, 'bad-escape.heapsnapshot');
    await writeFile(path, readFileSync(LTS_FIXTURE, 'utf8').replace('"BTCUSDT"', '"BTC\\xUSDT"'));
    const error = await parseHeapSnapshot(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SoakError);
    expect((error as SoakError).message).toMatch(/malformed string in strings at byte \d+/);
  });
});
