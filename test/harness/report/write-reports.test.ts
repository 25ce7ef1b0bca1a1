import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SoakError } from '../../../harness/errors.ts';
import { renderMarkdown, writeReports } from '../../../harness/report/index.ts';
import { failingReport, passingReport } from './report-fixtures.ts';

const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'soakbook-write-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('writes the four files and nothing else; report.json reads back equal', async () => {
    const dir = await tempDir();
    const report = failingReport();
    const { files } = await writeReports(dir, report);
    expect(files).toEqual(['report.json', 'report.md', 'report.html', 'junit.xml'].map((name) => join(dir, name)));
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toBe(renderMarkdown(report));
  });

  it('appends report.md to the GitHub job summary, keeping what was there', async () => {
    const dir = await tempDir();
    const summary = join(dir, 'step-summary.md');
    await writeFile(summary, '# earlier step\n');
    await writeReports(dir, passingReport(), { githubStepSummary: summary });
    const text = await readFile(summary, 'utf8');
    expect(text.startsWith('# earlier step\n# ✅ Soak PASS: steady')).toBe(true);
    expect(text).toContain('```mermaid');
  });

  it('fails with SOAK_ERR_RUN_DIR when the directory cannot be written', async () => {
    const dir = await tempDir();
    const error = await writeReports(join(dir, 'missing', 'deeper'), passingReport()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SoakError);
    expect((error as SoakError).code).toBe('SOAK_ERR_RUN_DIR');
    expect((error as SoakError).message).toMatch(/cannot write reports into .*missing/);
  });
});
