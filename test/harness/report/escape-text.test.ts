import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeXml, scriptJson } from '../../../harness/report/escape-text.ts';

describe('escape-text', () => {
  it('escapes HTML metacharacters and replaces characters XML forbids', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>\u0000`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;\uFFFD');
  });

  it('escapes XML so ]]> cannot appear and newlines survive in attributes', () => {
    expect(escapeXml('a]]>b\nc\u0008\uD800')).toBe('a]]&gt;b&#10;c\uFFFD\uFFFD');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('keeps Markdown on one line with no live markup', () => {
    expect(escapeMarkdown('a | b\n*c* <script>`x`')).toBe('a \\| b \\*c\\* &lt;script&gt;\\`x\\`');
  });

  it('makes JSON safe inside a script element and still parseable', () => {
    const value = { s: '</script><!-- & \u2028' };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
