/**
 * Escaping for every output format the reports write. Scenario names, targets, event kinds, check details and
 * retainer paths come from outside (a scenario file, a target command, a heap snapshot), so nothing reaches a
 * report unescaped.
 */

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; a report must stay parseable anyway.
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(XML_INVALID, '\uFFFD').replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}

/** Escapes text for XML element content and quoted attribute values (also replaces characters XML 1.0 forbids). */
export function escapeXml(text: string): string {
  // `>` is escaped too, so `]]>` can never appear in text content.
  return text.replace(XML_INVALID, '\uFFFD').replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch).replace(/[\t\n\r]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Escapes text for one line of GitHub-flavoured Markdown, table cells included: newlines collapse, Markdown
 * punctuation is backslash-escaped and angle brackets become entities so no HTML tag survives.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(XML_INVALID, '\uFFFD')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]{}|~#!]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Serialises a value as JSON that is safe inside `<script type="application/json">`: `<` is written as
 * `\u003c`, so `</script>` and `<!--` cannot end or confuse the block; JSON.parse reads it back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
