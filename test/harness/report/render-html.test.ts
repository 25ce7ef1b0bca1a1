import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../harness/report/index.ts';
import { HOSTILE, failingReport, hostileReport, noAgentReport } from './report-fixtures.ts';

function dataBlock(html: string): unknown {
  const match = /<script type="application\/json" id="soak-data">([\s\S]*?)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match?.[1] ?? 'null');
}

// The markup outside the inlined uPlot/CSS text, where tags and attributes would be live.
function markupOnly(html: string): string {
  return html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>').replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
}

describe('renderHtml', () => {
  it('is one self-contained document: uPlot inlined, a CSP that allows no fetch, no external references', () => {
    const html = renderHtml(failingReport());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('var uPlot=function()');
    expect(html).toContain(".u-legend");
    expect(html).toContain(`content="default-src &#39;none&#39;; script-src &#39;unsafe-inline&#39;; style-src &#39;unsafe-inline&#39;; img-src data:"`);
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/\s(src|href)=/i);
    expect(markup).not.toMatch(/@import|url\(/i);
    expect(markup.match(/<script\b/g)).toHaveLength(3);
  });

  it('has the verdict, a row per check with its status, and the heap diff', () => {
    const report = failingReport();
    const html = renderHtml(report);
    expect(html).toContain('<span class="verdict fail" id="verdict">FAIL</span>');
    expect(html.match(/<tr class="(pass|fail|inconclusive|skipped)" data-check="/g)).toHaveLength(report.checks.length);
    expect(html).toContain('<tr class="fail" data-check="heap-growth">');
    expect(html).toContain('id="heap-diff"');
    expect(html).toContain('(GC roots)<span class="arrow">→</span>Connection');
    expect(html).toContain('each disconnect leaves +1.0 socket (R² 0.97)');
  });

  it('embeds the chart data as JSON that parses back', () => {
    const data = dataBlock(renderHtml(failingReport())) as { charts: Array<{ id: string }>; gcHistogram: { counts: number[] } };
    expect(data.charts.map((c) => c.id)).toEqual(['memory', 'rss', 'fds', 'sockets', 'messages']);
    expect(data.gcHistogram.counts).toEqual([140, 190, 48, 12, 22, 0, 0, 0]);
  });

  it('renders a run with no agent, no heap diff and a dead target', () => {
    const html = renderHtml(noAgentReport());
    expect(html).toContain('<span class="verdict inconclusive" id="verdict">INCONCLUSIVE</span>');
    expect(html).toContain('GC pauses were not observable for this target (no agent).');
    expect(html).toContain('The target exited during the run');
    expect(html).toContain('MemoryError');
    expect(html).not.toContain('id="heap-diff"');
  });

  it('escapes every outside string, in the markup and in the JSON block', () => {
    const html = renderHtml(hostileReport());
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/<(img|svg|b|i)\b/i);
    expect(markup).not.toContain('<!--');
    expect(markup).not.toContain('window.__pwned=1</script>');
    expect(markup).toContain('evil&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;]]&gt;&lt;!-- | *x* &quot;&#39;&amp;amp;');
    const data = dataBlock(html) as { events: Array<{ kind: string; exchange: string }> };
    expect(data.events.some((e) => e.kind === '</script><img src=x onerror=alert(3)>' && e.exchange === HOSTILE)).toBe(true);
  });
});
