/**
 * Renders a heap diff as the plain-text tables heapdiff prints: growers, then leak candidates with their
 * retainer paths. Pure string building; the CLI decides where it goes.
 */
import type { HeapDiffSummary } from '../report-data.ts';
import type { HeapDiffView } from './diff-two-snapshot-files.ts';

function bytes(value: number): string {
  const sign = value < 0 ? '-' : value > 0 ? '+' : '';
  const size = Math.abs(value);
  if (size >= 1024 * 1024) return `${sign}${(size / 1024 / 1024).toFixed(1)} MB`;
  if (size >= 1024) return `${sign}${(size / 1024).toFixed(1)} kB`;
  return `${sign}${size} B`;
}

/** Retained sizes are null when diffed without dominators (heapdiff --fast). */
function retained(value: number | null): string {
  return value === null ? '—' : bytes(value);
}

function plainBytes(value: number): string {
  return bytes(value).replace(/^\+/, '');
}

function clip(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** The readable table for a diff of two or three snapshots (leak candidates, or new-object groups for two). */
export function formatHeapDiff(diff: HeapDiffSummary | HeapDiffView, snapshots: 2 | 3): string {
  const lines: string[] = [];
  lines.push(snapshots === 3 ? 'Growth from baseline to final, by constructor' : 'Growth by constructor');
  if (diff.growers.length === 0) lines.push('  (nothing grew)');
  else {
    lines.push(`  ${'constructor'.padEnd(40)} ${'count'.padStart(10)} ${'self size'.padStart(12)} ${'retained'.padStart(12)}`);
    for (const g of diff.growers) {
      const count = `${g.countDelta > 0 ? '+' : ''}${g.countDelta}`;
      lines.push(`  ${clip(g.constructor, 40).padEnd(40)} ${count.padStart(10)} ${bytes(g.selfSizeDeltaBytes).padStart(12)} ${retained(g.retainedSizeDeltaBytes).padStart(12)}`);
    }
  }
  lines.push('');
  lines.push(
    snapshots === 3
      ? 'Leak candidates (allocated between baseline and target, alive in final, population still growing)'
      : 'New objects of growing populations (a third snapshot would tell a leak from a warm cache)',
  );
  if (diff.leakCandidates.length === 0) lines.push('  none');
  diff.leakCandidates.forEach((c, i) => {
    lines.push(`  ${i + 1}. ${c.constructor} × ${c.count}${c.retainedBytes === null ? '' : `, retaining ${plainBytes(c.retainedBytes)}`}`);
    lines.push(`     ${c.retainerPath.length > 0 ? c.retainerPath.join(' → ') : '(no path from a GC root)'}`);
  });
  return lines.join('\n');
}
