/** Renders a gate result as the plain-text table the CLI prints (one line per metric, verdict first). */
import type { GateResult } from './compare-baseline.ts';

/** The table, newline-terminated. */
export function formatGate(result: GateResult, baselinePath: string): string {
  const lines = [`gate: ${result.status === 'regression' ? 'REGRESSION' : 'pass'} against ${baselinePath}`];
  for (const c of result.comparisons) {
    const mark = c.status === 'regression' ? 'FAIL' : c.status === 'pass' ? 'ok  ' : 'skip';
    lines.push(`  ${mark} ${c.metric.padEnd(24)} ${c.detail}`);
  }
  return `${lines.join('\n')}\n`;
}
