import { describe, expect, it } from 'vitest';
import { MERMAID_MAX_POINTS, renderMermaidXyChart } from '../../../harness/report/mermaid-xychart.ts';

const MIB = 1024 * 1024;

describe('renderMermaidXyChart', () => {
  it('draws a small series exactly, in the divided unit, with a padded y range that stays at or above zero', () => {
    const block = renderMermaidXyChart({ title: 'Heap "after" GC', yLabel: 'MiB', t: [0, 1000, 2000, 3000], values: [0, 2 * MIB, null, 4 * MIB], divisor: MIB });
    expect(block).toBe(
      ['```mermaid', 'xychart-beta', '  title "Heap  after  GC"', '  x-axis "elapsed (s)" 0 --> 3', '  y-axis "MiB" 0 --> 4.32', '  line [0, 2, 4]', '```'].join('\n'),
    );
  });

  it('uses minutes for runs of two minutes or more and never draws more than the maximum points', () => {
    const t = Array.from({ length: 3601 }, (_, i) => i * 1000);
    const block = renderMermaidXyChart({ title: 'FDs', yLabel: 'FDs', t, values: t.map((ms) => 20 + Math.min(5, Math.floor(ms / 600_000))) }) ?? '';
    expect(block).toContain('x-axis "elapsed (min)" 0 --> 60');
    const line = /line \[(.*)\]/.exec(block)?.[1]?.split(', ') ?? [];
    expect(line).toHaveLength(MERMAID_MAX_POINTS);
    expect(line[0]).toBe('20');
    expect(line.at(-1)).toBe('25');
    expect(block).not.toMatch(/\d,\d{3}/);
  });

  it('returns null when there is nothing to draw', () => {
    expect(renderMermaidXyChart({ title: 'x', yLabel: 'y', t: [0, 1], values: [null, 5] })).toBeNull();
    expect(renderMermaidXyChart({ title: 'x', yLabel: 'y', t: [], values: [] })).toBeNull();
  });
});
