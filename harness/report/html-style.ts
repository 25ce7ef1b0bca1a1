/**
 * report.html's stylesheet: a quiet page where the verdict and the failing checks stand out, readable printed
 * and on narrow screens.
 */

/** The CSS inlined into report.html (after uPlot's own). */
export const REPORT_CSS = `
:root {
  --fg: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --card: #ffffff;
  --pass: #15803d; --pass-bg: #dcfce7; --fail: #b91c1c; --fail-bg: #fee2e2;
  --inconclusive: #b45309; --inconclusive-bg: #fef3c7; --skipped: #475569; --skipped-bg: #f1f5f9;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 24px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 12px; }
h3 { font-size: 14px; margin: 0 0 8px; color: var(--fg); }
p { margin: 6px 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
h3 .note { color: var(--muted); font-weight: 400; font-size: 12.5px; }
.banner { display: flex; gap: 20px; align-items: center; background: var(--card); border: 1px solid var(--line);
  border-left: 8px solid var(--muted); border-radius: 8px; padding: 16px 20px; }
.banner.pass { border-left-color: var(--pass); }
.banner.fail { border-left-color: var(--fail); }
.banner.inconclusive { border-left-color: var(--inconclusive); }
.verdict { font-size: 26px; font-weight: 700; letter-spacing: 0.04em; padding: 6px 14px; border-radius: 6px; white-space: nowrap; }
.verdict.pass { color: var(--pass); background: var(--pass-bg); }
.verdict.fail { color: var(--fail); background: var(--fail-bg); }
.verdict.inconclusive { color: var(--inconclusive); background: var(--inconclusive-bg); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin-top: 16px; }
.fact { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.fact .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
.fact .value { font-size: 18px; font-weight: 600; overflow-wrap: anywhere; }
.alert { background: var(--fail-bg); border: 1px solid #fecaca; border-radius: 8px; padding: 12px 16px; margin-top: 16px; }
.alert pre { margin: 8px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
table.data { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
table.data th, table.data td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.data th { background: #f1f5f9; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
table.data tr:last-child td { border-bottom: none; }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data td.detail { color: #334155; max-width: 520px; }
table.data tr.fail td { background: #fff7f7; }
.pill { display: inline-block; min-width: 96px; text-align: center; font-size: 11.5px; font-weight: 700; letter-spacing: 0.05em;
  padding: 2px 8px; border-radius: 999px; }
.pill.pass { color: var(--pass); background: var(--pass-bg); }
.pill.fail { color: var(--fail); background: var(--fail-bg); }
.pill.inconclusive { color: var(--inconclusive); background: var(--inconclusive-bg); }
.pill.skipped { color: var(--skipped); background: var(--skipped-bg); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
.two { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; align-items: start; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; min-width: 0; }
.chart { min-height: 120px; }
.chart .empty { color: var(--muted); font-style: italic; padding: 40px 0; text-align: center; }
.event-readout { min-height: 18px; font-size: 12px; color: var(--muted); }
#event-legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 12px; }
.event-kind { display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--line); background: var(--card);
  border-radius: 999px; padding: 2px 10px; font: inherit; font-size: 12px; cursor: pointer; }
.event-kind[aria-pressed="false"] { opacity: 0.4; text-decoration: line-through; }
.swatch { width: 14px; height: 0; border-top: 2px dashed; display: inline-block; }
.path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.path .arrow { color: var(--muted); padding: 0 3px; }
ul.notes { margin: 0; padding-left: 20px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
.u-legend { font-size: 12px; margin-top: 4px; }
.card table.data { border: none; border-radius: 0; }
.target { margin-top: 2px; overflow-wrap: anywhere; }
.u-legend .u-marker { width: 12px; height: 3px; }
@media (max-width: 640px) { .grid, .two { grid-template-columns: 1fr; } main { padding: 12px; } }
@media print { .event-kind { display: none; }   .card, table.data { break-inside: avoid; } }
`;
