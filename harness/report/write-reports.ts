/**
 * Writes the four report files into a run directory (and report.md to the GitHub job summary when asked).
 * Each file is written to a temporary name and renamed, so a report is never seen half-written.
 */
import { appendFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportData } from '../analysis/report-data.ts';
import { SoakError } from '../errors.ts';
import { renderHtml } from './render-html.ts';
import { renderJunit } from './render-junit.ts';
import { renderMarkdown } from './render-markdown.ts';

/** Where else report.md goes. */
export interface WriteReportsOptions {
  /** Path of GitHub's `$GITHUB_STEP_SUMMARY` file; report.md is appended to it. */
  githubStepSummary?: string;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

/** Renders and writes report.json, report.md, report.html and junit.xml into `runDir`; returns the paths written. */
export async function writeReports(runDir: string, report: ReportData, options: WriteReportsOptions = {}): Promise<{ files: string[] }> {
  const outputs: Array<[string, string]> = [
    ['report.json', `${JSON.stringify(report, null, 2)}\n`],
    ['report.md', renderMarkdown(report)],
    ['report.html', renderHtml(report)],
    ['junit.xml', renderJunit(report)],
  ];
  const files: string[] = [];
  try {
    for (const [name, text] of outputs) {
      const path = join(runDir, name);
      await writeAtomic(path, text);
      files.push(path);
    }
  } catch (error) {
    throw new SoakError('SOAK_ERR_RUN_DIR', `cannot write reports into ${runDir}: ${(error as Error).message}`, { cause: error });
  }
  if (options.githubStepSummary) {
    const markdown = outputs.find(([name]) => name === 'report.md')?.[1] ?? '';
    try {
      await appendFile(options.githubStepSummary, `${markdown}\n`, 'utf8');
    } catch (error) {
      throw new SoakError('SOAK_ERR_RUN_DIR', `cannot append the report to the job summary ${options.githubStepSummary}: ${(error as Error).message}`, { cause: error });
    }
  }
  return { files };
}
