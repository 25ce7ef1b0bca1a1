/**
 * Renders rule groups as a Prometheus rules file, and reads back the alerts such a file declares. No YAML
 * library: the file has one fixed shape, strings are written double-quoted (JSON escapes are valid YAML) and
 * expressions as literal blocks, so what an operator reads is exactly what Prometheus evaluates.
 */
import type { AlertRuleGroup, AlertSeverity } from './alert-rules.ts';
import { formatPromDuration } from './alert-thresholds.ts';

/** Renders the groups as the text of a rules file, headed by `header` lines written as YAML comments. */
export function renderRulesYaml(groups: readonly AlertRuleGroup[], header: readonly string[] = []): string {
  const lines = header.map((line) => (line === '' ? '#' : `# ${line}`));
  lines.push('groups:');
  for (const group of groups) {
    lines.push(`  - name: ${JSON.stringify(group.name)}`, `    interval: ${formatPromDuration(group.intervalMs)}`, '    rules:');
    for (const rule of group.rules) {
      lines.push(`      - alert: ${rule.alert}`, '        expr: |-');
      for (const exprLine of rule.expr.split('\n')) lines.push(`          ${exprLine}`);
      lines.push(
        `        for: ${formatPromDuration(rule.forMs)}`,
        '        labels:',
        `          severity: ${rule.severity}`,
        '        annotations:',
        `          summary: ${JSON.stringify(rule.summary)}`,
        `          description: ${JSON.stringify(rule.description)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One alert a rules file declares, as read back from it. */
export interface DeclaredAlert {
  alert: string;
  severity: AlertSeverity | 'none';
  expr: string;
  /** The `for:` text as written, `0s` when absent. */
  forText: string;
}

const ALERT_LINE = /^(\s*)- alert:\s*["']?([A-Za-z_:][A-Za-z0-9_:]*)["']?\s*$/;
const KEY_LINE = /^(\s*)(expr|for|severity):\s*(.*)$/;

/**
 * Lists the alerts of a rules file in the layout renderRulesYaml writes (one key per line; `expr` inline or
 * as a `|`/`|-` block). `promtool check rules` validates the file itself; this only needs names and severities.
 */
export function readDeclaredAlerts(text: string): DeclaredAlert[] {
  const alerts: DeclaredAlert[] = [];
  const lines = text.split('\n');
  let current: DeclaredAlert | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const alertMatch = ALERT_LINE.exec(line);
    if (alertMatch) {
      current = { alert: alertMatch[2] ?? '', severity: 'none', expr: '', forText: '0s' };
      alerts.push(current);
      continue;
    }
    if (/^\s*- record:/.test(line)) current = undefined;
    const keyMatch = KEY_LINE.exec(line);
    if (!current || !keyMatch) continue;
    const indent = keyMatch[1]?.length ?? 0;
    const value = unquote(keyMatch[3] ?? '');
    if (keyMatch[2] === 'severity') current.severity = value === 'critical' || value === 'warning' ? value : 'none';
    else if (keyMatch[2] === 'for') current.forText = value;
    else if (value === '|' || value === '|-' || value === '>' || value === '>-') {
      const block: string[] = [];
      while (i + 1 < lines.length && (/^\s*$/.test(lines[i + 1] ?? '') || leadingSpaces(lines[i + 1] ?? '') > indent)) {
        block.push((lines[i + 1] ?? '').trim());
        i++;
      }
      current.expr = block.filter((part) => part !== '').join('\n');
    } else current.expr = value;
  }
  return alerts;
}

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) return JSON.parse(trimmed) as string;
  if (trimmed.startsWith("'") && trimmed.endsWith("'") && trimmed.length >= 2) return trimmed.slice(1, -1).replaceAll("''", "'");
  return trimmed;
}
