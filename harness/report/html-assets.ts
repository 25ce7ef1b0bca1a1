/**
 * The files report.html inlines so it opens with no network: uPlot's script and stylesheet from node_modules and
 * our in-page script. Read once per process (they never change while it runs).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Script and style text to inline into report.html. */
export interface HtmlAssets {
  uplotJs: string;
  uplotCss: string;
  clientJs: string;
}

let cached: HtmlAssets | undefined;

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`report: cannot read ${what} at ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); run npm ci`, { cause: error });
  }
}

/** Loads uPlot (node_modules/uplot/dist) and the report's in-page script. */
export function loadHtmlAssets(): HtmlAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const uplotJsPath = require.resolve('uplot/dist/uPlot.iife.min.js');
  const uplotCssPath = require.resolve('uplot/dist/uPlot.min.css');
  cached = {
    uplotJs: read(uplotJsPath, 'uPlot'),
    uplotCss: read(uplotCssPath, 'uPlot stylesheet'),
    clientJs: read(fileURLToPath(new URL('./assets/report-client.js', import.meta.url)), 'the report script'),
  };
  return cached;
}

/** Makes script or style text safe to inline: a closing tag inside it would end the element early. */
export function inlineSafe(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}
