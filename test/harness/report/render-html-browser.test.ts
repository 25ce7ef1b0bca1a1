/**
 * report.html in a real browser (Debian's headless Chromium via playwright-core): the charts render, the checks
 * table is there, nothing is fetched, nothing logs an error, and hostile strings stay text.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../../harness/analysis/report-data.ts';
import { writeReports } from '../../../harness/report/index.ts';
import { failingReport, hostileReport, noAgentReport } from './report-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(tmpdir(), 'soakbook-report.png');

let browser: Browser | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Debian chromium is missing at ${CHROMIUM}: install it (apt-get install chromium; .ci/run does) — the HTML report test needs a real browser`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  url: string;
  dir: string;
  errors: string[];
  requests: string[];
}

async function open(report: ReportData): Promise<Opened> {
  if (!browser) throw new Error('browser not started');
  const dir = await mkdtemp(join(tmpdir(), 'soakbook-report-'));
  dirs.push(dir);
  await writeReports(dir, report);
  const url = pathToFileURL(join(dir, 'report.html')).href;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url);
  await page.waitForSelector('html[data-charts-ready], html[data-charts-error]', { timeout: 15_000 });
  return { page, url, dir, errors, requests };
}

async function canvasSizes(page: Page, chartId: string): Promise<Array<{ width: number; height: number }>> {
  const canvases = page.locator(`#chart-${chartId} canvas`);
  const sizes: Array<{ width: number; height: number }> = [];
  for (let i = 0; i < (await canvases.count()); i += 1) {
    const box = await canvases.nth(i).boundingBox();
    sizes.push({ width: box?.width ?? 0, height: box?.height ?? 0 });
  }
  return sizes;
}

describe('report.html in headless Chromium', () => {
  it('renders every chart, the checks table and the heap diff, fetching nothing and logging no error', async () => {
    const report = failingReport();
    const { page, url, errors, requests } = await open(report);
    expect(await page.evaluate('document.documentElement.dataset.chartsReady')).toBe('6');
    expect(await page.evaluate('document.documentElement.dataset.chartsError ?? null')).toBeNull();
    for (const id of ['memory', 'rss', 'fds', 'sockets', 'messages', 'gc-histogram']) {
      const sizes = await canvasSizes(page, id);
      expect(sizes, id).toHaveLength(1);
      expect(sizes[0]?.width, id).toBeGreaterThan(300);
      expect(sizes[0]?.height, id).toBeGreaterThan(100);
    }
    expect(await page.locator('#checks tbody tr').count()).toBe(report.checks.length);
    expect(await page.locator('#checks tr.fail').count()).toBe(2);
    expect(await page.locator('#verdict').textContent()).toBe('FAIL');
    expect(await page.locator('#heap-diff tbody tr').count()).toBe(3);
    expect(await page.locator('#event-legend button').count()).toBe(4);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  it('shows the fault under the cursor, hides a kind from its legend button, zooms and resets', async () => {
    const { page, errors } = await open(failingReport());
    await page.locator('#chart-memory').scrollIntoViewIfNeeded();
    const over = await page.locator('#chart-memory .u-over').boundingBox();
    expect(over).not.toBeNull();
    if (!over) return;
    // The memory chart's x axis runs from 0 to 1200 s; the first disconnect is at 120 s.
    await page.mouse.move(over.x + (over.width * 120) / 1200, over.y + over.height / 2);
    await expect.poll(() => page.locator('#chart-memory .event-readout').textContent()).toContain('disconnect (binance) at 0:02:00');
    const button = page.locator('#event-legend button', { hasText: 'disconnect' });
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await page.mouse.move(over.x + (over.width * 120) / 1200 + 1, over.y + over.height / 2);
    await expect.poll(() => page.locator('#chart-memory .event-readout').textContent()).not.toContain('disconnect');
    // Drag-zoom onto the second quarter of the run, then double-click back to the whole run.
    const elapsedAtLeftEdge = async (): Promise<string | null> => {
      await page.mouse.move(over.x + 2, over.y + over.height / 2);
      return page.locator('#chart-memory .u-legend .u-value').first().textContent();
    };
    expect(await elapsedAtLeftEdge()).toMatch(/^0:00:0\d$/);
    await page.mouse.move(over.x + over.width / 4, over.y + 20);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width / 2, over.y + 20, { steps: 4 });
    await page.mouse.up();
    await expect.poll(elapsedAtLeftEdge).toMatch(/^0:0[45]:\d\d$/);
    await page.mouse.dblclick(over.x + over.width / 2, over.y + over.height / 2);
    await expect.poll(elapsedAtLeftEdge).toMatch(/^0:00:0\d$/);
    await page.close();
    expect(errors).toEqual([]);
  });

  it('shows placeholders, not broken charts, for a target without the agent', async () => {
    const { page, errors, requests, url } = await open(noAgentReport());
    expect(await page.evaluate('document.documentElement.dataset.chartsReady')).toBe('3');
    expect(await page.locator('#chart-memory .empty').textContent()).toBe('Not observed for this target.');
    expect(await page.locator('#chart-gc-histogram .empty').textContent()).toBe('No GC pauses were observed for this target.');
    expect((await canvasSizes(page, 'rss'))[0]?.width).toBeGreaterThan(300);
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  });

  it('keeps hostile strings as text: no injected element, no script run; its junit.xml parses as XML', async () => {
    const { page, errors, requests, url, dir } = await open(hostileReport());
    expect(await page.evaluate('window.__pwned ?? null')).toBeNull();
    expect(await page.evaluate('document.documentElement.dataset.chartsReady')).toBe('6');
    expect(await page.locator('main img, main svg, main b, main i').count()).toBe(0);
    expect(await page.locator('#event-legend button', { hasText: '</script><img src=x onerror=alert(3)>' }).count()).toBe(1);
    expect(await page.locator('h1').textContent()).toContain('evil</script><script>window.__pwned=1</script>]]>');
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    const parsed = await page.evaluate(
      `(() => { const d = new DOMParser().parseFromString(${JSON.stringify(junit)}, 'application/xml');
        return { errors: d.getElementsByTagName('parsererror').length, cases: d.getElementsByTagName('testcase').length, failures: d.getElementsByTagName('failure').length }; })()`,
    );
    expect(parsed).toEqual({ errors: 0, cases: 11, failures: 2 });
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
  });
});
