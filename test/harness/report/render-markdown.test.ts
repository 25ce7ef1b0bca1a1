import { describe, expect, it } from 'vitest';
import { renderMarkdown, verdictLine } from '../../../harness/report/index.ts';
import { failingReport, hostileReport, noAgentReport, passingReport } from './report-fixtures.ts';

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

// Cells split on pipes that are not backslash-escaped.
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

describe('renderMarkdown', () => {
  it('puts the verdict first, then a row per check', () => {
    const report = failingReport();
    const markdown = renderMarkdown(report);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# ❌ Soak FAIL: reconnect-storm');
    expect(lines[2]).toBe(`**Verdict: ${verdictLine(report).replace(/[[\]]/g, '\\$&')}**`);
    expect(verdictLine(report)).toBe('FAIL — 2 of 10 applicable checks failed: heap-growth, socket-bound (scenario reconnect-storm, 20m 00s)');
    const checkRows = lines.filter((l) => /^\| (✅|❌|⚠️|⏭️) \|/.test(l));
    expect(checkRows).toHaveLength(report.checks.length);
    expect(markdown.indexOf('## Checks')).toBeLessThan(markdown.indexOf('## Growth'));
  });

  it('shows growth, GC, integrity, correlations (bytes for memory) and the heap diff', () => {
    const markdown = renderMarkdown(failingReport());
    expect(markdown).toContain('| Heap after major GC | +2.05 MB/min | \\[+1.98, +2.12\\] | +123 MB/h | 52 | leaking |');
    expect(markdown).toContain('| all kinds | 1.2 ms | 3.1 ms | 6.4 ms | 17.9 ms |');
    expect(markdown).toContain('| Gaps detected | 20 |');
    expect(markdown).toContain('- each disconnect leaves +1.0 socket (R² 0.97)');
    expect(markdown).toContain('| TCP sockets | disconnect | 9 | +1 | 0.97 |');
    expect(markdown).toContain('| Heap after major GC | disconnect | — | +38 KiB | 0.91 |');
    expect(markdown).toContain('(GC roots) → Connection → sockets → Set → WebSocket');
    expect(markdown).toContain('Events: gap ×13, disconnect ×9, run-start ×1, warmup-end ×1.');
  });

  it('draws heap after GC, RSS, FDs and sockets as Mermaid xychart-beta blocks of at most 100 points', () => {
    const blocks = mermaidBlocks(renderMarkdown(passingReport()));
    expect(blocks.map((b) => /title "([^"]*)"/.exec(b)?.[1])).toEqual(['Heap used after major GC (MiB)', 'RSS (MiB)', 'Open file descriptors', 'TCP sockets']);
    for (const block of blocks) {
      expect(block.startsWith('xychart-beta\n')).toBe(true);
      expect((/line \[(.*)\]/.exec(block)?.[1] ?? '').split(', ').length).toBeLessThanOrEqual(100);
    }
  });

  it('leaves out what a target without the agent cannot show, and reports its exit', () => {
    const markdown = renderMarkdown(noAgentReport());
    expect(markdown.startsWith('# ⚠️ Soak INCONCLUSIVE: steady')).toBe(true);
    expect(mermaidBlocks(markdown)).toHaveLength(3);
    expect(markdown).toContain('GC pauses were not observable for this target (no agent).');
    expect(markdown).toContain('Event-loop delay was not observable for this target.');
    expect(markdown).toContain('> **The target exited during the run** (code 1, signal —).');
    expect(markdown).toContain('| Updates applied | — |');
    expect(markdown).not.toContain('## Heap diff');
  });

  it('lets no hostile string open a tag, break a table row or a Mermaid block', () => {
    const markdown = renderMarkdown(hostileReport());
    expect(markdown).not.toMatch(/<(script|img|svg|b|i)\b/i);
    expect(markdown).not.toContain('<!--');
    const tableRows = markdown.split('\n').filter((l) => l.startsWith('| '));
    const widths = new Map<number, number>();
    for (const row of tableRows) widths.set(cells(row).length, (widths.get(cells(row).length) ?? 0) + 1);
    // Every row of the checks table still has its six cells.
    expect(tableRows.filter((l) => /^\| (✅|❌|⚠️|⏭️) \|/.test(l)).every((l) => cells(l).length === 6)).toBe(true);
    for (const block of mermaidBlocks(markdown)) expect(block).not.toMatch(/evil|<|>(?!\s)/);
  });
});
