// Reports: render a run's ReportData as report.json, report.md, report.html and junit.xml (rendering only).
export { writeReports, type WriteReportsOptions } from './write-reports.ts';
export { renderMarkdown, verdictLine, verdictReason } from './render-markdown.ts';
export { renderHtml } from './render-html.ts';
export { renderJunit } from './render-junit.ts';
export { loadHtmlAssets, type HtmlAssets } from './html-assets.ts';
export { renderMermaidXyChart, type MermaidLineChart } from './mermaid-xychart.ts';
