/**
 * Names the metrics a PromQL expression reads, so a test can hold every rule and dashboard panel to the
 * metrics the collector and the harness really export, and evaluation can tell which rules a run's samples
 * can answer. A lexer, not a parser: it drops strings, label matchers, ranges, grouping clauses and Grafana
 * variables, then keeps identifiers that are neither functions nor keywords.
 */

const KEYWORDS = new Set([
  'and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'inf', 'nan',
  'sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'atan2',
]);

const GROUPING = /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
const IDENTIFIER = /[A-Za-z_:][A-Za-z0-9_:]*/g;

/** Metric names an expression selects, sorted and unique (`up`, `process_open_fds`, `foo_bucket`, …). */
export function promqlMetricNames(expr: string): string[] {
  const text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(GROUPING, ' ')
    .replace(/#[^\n]*/g, ' ');
  const names = new Set<string>();
  for (const match of text.matchAll(IDENTIFIER)) {
    const name = match[0];
    const start = match.index;
    const before = text[start - 1] ?? ' ';
    // Part of a number such as 1e9 or 0x1F, or of a duration such as the 5m after `offset`.
    if (/[0-9.]/.test(before)) continue;
    const after = text.slice(start + name.length);
    if (/^\s*\(/.test(after)) continue;
    if (KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}

const HISTOGRAM_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

/**
 * The exported metric a selected name belongs to: `foo_bucket`, `foo_sum` and `foo_count` belong to the
 * histogram `foo` when `foo` is exported; anything else is itself.
 */
export function exportedMetricFor(name: string, exported: ReadonlySet<string>): string | undefined {
  if (exported.has(name)) return name;
  for (const suffix of HISTOGRAM_SUFFIXES) {
    if (name.endsWith(suffix) && exported.has(name.slice(0, -suffix.length))) return name.slice(0, -suffix.length);
  }
  return undefined;
}
