import { describe, expect, it } from 'vitest';
import { diffTopLevels } from '../../../src/sink/index.ts';

describe('diffTopLevels', () => {
  it('lists changed and new levels, then departed ones with size "0"', () => {
    const prev: Array<[string, string]> = [['100', '1'], ['99', '2'], ['98', '3']];
    const next: Array<[string, string]> = [['100', '1'], ['99', '5'], ['97', '4']];
    expect(diffTopLevels(prev, next)).toEqual([['99', '5'], ['97', '4'], ['98', '0']]);
  });

  it('is empty for identical views and complete against an empty one', () => {
    const side: Array<[string, string]> = [['1.5', '2'], ['1.4', '1']];
    expect(diffTopLevels(side, side)).toEqual([]);
    expect(diffTopLevels([], side)).toEqual(side);
    expect(diffTopLevels(side, [])).toEqual([['1.5', '0'], ['1.4', '0']]);
  });
});
