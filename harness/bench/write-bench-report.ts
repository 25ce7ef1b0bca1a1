/**
 * Writes a bench report as `<dir>/<UTC timestamp>.json` (non-finite numbers as the strings "Infinity" and
 * "NaN", which JSON cannot hold) and the same timestamp `.md`; returns both paths.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport } from './bench-result.ts';
import { renderBenchMarkdown } from './render-bench-markdown.ts';

/** `20261122T031500Z` for a Date. */
export function benchStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** JSON text of a report, with Infinity/NaN kept as strings instead of turning into null. */
export function benchReportJson(report: BenchReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2)}\n`;
}

/** Writes the JSON and Markdown files into `dir` (created if needed). */
export function writeBenchReport(report: BenchReport, dir: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = benchStamp(new Date(report.startedAt));
  const json = join(dir, `${stamp}.json`);
  const markdown = join(dir, `${stamp}.md`);
  writeFileSync(json, benchReportJson(report));
  writeFileSync(markdown, renderBenchMarkdown(report));
  return { json, markdown };
}
