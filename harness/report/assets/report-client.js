/* global document, window, uPlot, ResizeObserver, requestAnimationFrame, Path2D */
// The in-page script of report.html: reads the JSON block the renderer embedded and draws it with uPlot
// (inlined before this script). It holds no report logic: units, downsampling and colours were decided in Node.
(function () {
  'use strict';

  const CHART_HEIGHT_PX = 240;
  const X_INCREMENTS_SEC = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
  const EVENT_HOVER_PX = 4;
  const INTEGER_INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000, 100000];

  function pad2(n) {
    return String(n).padStart(2, '0');
  }

  // Axis ticks: 0, 30s, 1m, 1m30s, 1h, 1h30m — ticks fall on these increments, so seconds show only where needed.
  function tickLabel(sec) {
    const s = Math.round(sec);
    if (s === 0) return '0';
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const r = s % 60;
    if (h > 0) return h + 'h' + (m > 0 ? pad2(m) + 'm' : '');
    if (m > 0) return m + 'm' + (r > 0 ? pad2(r) + 's' : '');
    return r + 's';
  }

  function clockLabel(sec) {
    if (sec == null || !Number.isFinite(sec)) return '—';
    const s = Math.max(0, Math.round(sec));
    return Math.floor(s / 3600) + ':' + pad2(Math.floor((s % 3600) / 60)) + ':' + pad2(s % 60);
  }

  function numberLabel(v) {
    if (v == null || !Number.isFinite(v)) return '—';
    const a = Math.abs(v);
    const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    return v.toLocaleString('en-US', { maximumFractionDigits: digits });
  }

  const data = JSON.parse(document.getElementById('soak-data').textContent);
  const kindInfo = new Map(data.eventKinds.map((k) => [k.kind, k]));
  const hiddenKinds = new Set();
  const events = data.events.slice().sort((a, b) => a.tSec - b.tSec);
  const plots = [];

  // Fault events as dashed vertical lines, one path per kind so thousands of events stay cheap to draw.
  const eventMarkers = {
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          const { left, top, width, height } = u.bbox;
          const dpr = window.devicePixelRatio || 1;
          const paths = new Map();
          for (const e of events) {
            if (hiddenKinds.has(e.kind)) continue;
            const x = Math.round(u.valToPos(e.tSec, 'x', true)) + 0.5;
            if (x < left || x > left + width) continue;
            let path = paths.get(e.kind);
            if (!path) paths.set(e.kind, (path = new Path2D()));
            path.moveTo(x, top);
            path.lineTo(x, top + height);
          }
          ctx.save();
          ctx.lineWidth = dpr;
          ctx.setLineDash([4 * dpr, 3 * dpr]);
          for (const [kind, path] of paths) {
            const info = kindInfo.get(kind);
            ctx.strokeStyle = info ? info.color : '#94a3b8';
            ctx.globalAlpha = info && info.lifecycle ? 0.45 : 0.7;
            ctx.stroke(path);
          }
          ctx.restore();
        },
      ],
    },
  };

  // The events under the cursor (within a few pixels), shown beneath each chart.
  function eventsNear(u, left) {
    if (left == null || left < 0 || events.length === 0) return [];
    const found = [];
    const lo = u.posToVal(left - EVENT_HOVER_PX, 'x');
    const hi = u.posToVal(left + EVENT_HOVER_PX, 'x');
    let i = 0;
    let j = events.length;
    while (i < j) {
      const mid = (i + j) >> 1;
      if (events[mid].tSec < lo) i = mid + 1;
      else j = mid;
    }
    for (; i < events.length && events[i].tSec <= hi && found.length < 6; i += 1) {
      if (!hiddenKinds.has(events[i].kind)) found.push(events[i]);
    }
    return found;
  }

  function placeholder(el, text) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = text;
    el.replaceChildren(p);
  }

  function observeWidth(el, plot, height) {
    let lastWidth = el.clientWidth;
    new ResizeObserver(() => {
      const width = el.clientWidth;
      if (width === lastWidth || width === 0) return;
      lastWidth = width;
      requestAnimationFrame(() => plot.setSize({ width, height }));
    }).observe(el);
  }

  function timeChart(chart) {
    const el = document.getElementById('chart-' + chart.id);
    if (!el) return;
    const hasData = chart.ys.some((col) => col.some((v) => v != null));
    if (!hasData || chart.xSec.length < 2) {
      placeholder(el, 'Not observed for this target.');
      return;
    }
    const firstX = chart.xSec[0];
    const lastX = chart.xSec[chart.xSec.length - 1];
    const readout = document.createElement('div');
    readout.className = 'event-readout';
    const canvasHolder = document.createElement('div');
    el.replaceChildren(canvasHolder, readout);
    const opts = {
      width: el.clientWidth,
      height: CHART_HEIGHT_PX,
      cursor: { sync: { key: 'soak' }, drag: { x: true, y: false } },
      // Unzoomed, every time chart spans the whole run from its start, so charts line up under the synced cursor;
      // a drag-zoom asks for other bounds, which are kept as asked.
      scales: { x: { time: false, range: (u, min, max) => (min === firstX && max === lastX ? [Math.min(0, min), Math.max(max, data.durationSec)] : [min, max]) } },
      axes: [
        { incrs: X_INCREMENTS_SEC, values: (u, splits) => splits.map(tickLabel), stroke: '#475569', grid: { stroke: '#e2e8f0' }, ticks: { stroke: '#cbd5e1' } },
        Object.assign(
          { label: chart.unit, size: 64, values: (u, splits) => splits.map(numberLabel), stroke: '#475569', grid: { stroke: '#e2e8f0' }, ticks: { stroke: '#cbd5e1' } },
          chart.integer ? { incrs: INTEGER_INCREMENTS } : {},
        ),
      ],
      series: [
        { label: 'elapsed', value: (u, v) => clockLabel(v) },
        ...chart.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width,
          spanGaps: true,
          points: { show: s.points ? true : false, size: 4, fill: s.color },
          value: (u, v) => (v == null ? '—' : numberLabel(v) + ' ' + chart.unit),
        })),
      ],
      plugins: [eventMarkers],
      hooks: {
        setCursor: [
          (u) => {
            const near = eventsNear(u, u.cursor.left);
            readout.textContent = near.length === 0 ? '' : near.map((e) => e.kind + ' (' + e.exchange + ') at ' + clockLabel(e.tSec)).join(' · ');
          },
        ],
      },
    };
    const plot = new uPlot(opts, [chart.xSec, ...chart.ys], canvasHolder);
    plots.push(plot);
    observeWidth(el, plot, CHART_HEIGHT_PX);
  }

  function histogramChart(hist) {
    const el = document.getElementById('chart-gc-histogram');
    if (!el) return;
    if (hist.counts.length === 0 || hist.counts.every((c) => !c)) {
      placeholder(el, 'No GC pauses were observed for this target.');
      return;
    }
    const idx = hist.counts.map((_, i) => i);
    const canvasHolder = document.createElement('div');
    el.replaceChildren(canvasHolder);
    const opts = {
      width: el.clientWidth,
      height: CHART_HEIGHT_PX,
      legend: { show: false },
      cursor: { points: { show: false } },
      scales: { x: { time: false, range: [-0.5, idx.length - 0.5] } },
      axes: [
        { label: 'pause (ms)', splits: () => idx, values: (u, splits) => splits.map((i) => hist.labels[i] || ''), stroke: '#475569', grid: { show: false }, ticks: { stroke: '#cbd5e1' } },
        { label: 'pauses', size: 64, values: (u, splits) => splits.map(numberLabel), stroke: '#475569', grid: { stroke: '#e2e8f0' }, ticks: { stroke: '#cbd5e1' } },
      ],
      series: [{}, { label: 'GC pauses', stroke: '#475569', fill: 'rgba(71, 85, 105, 0.55)', paths: uPlot.paths.bars({ size: [0.8, 72] }), points: { show: false } }],
    };
    const plot = new uPlot(opts, [idx, hist.counts], canvasHolder);
    plots.push(plot);
    observeWidth(el, plot, CHART_HEIGHT_PX);
  }

  // Clicking a kind in the legend hides or shows its markers on every chart.
  function eventLegend() {
    const el = document.getElementById('event-legend');
    if (!el) return;
    for (const k of data.eventKinds) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'event-kind';
      button.setAttribute('aria-pressed', 'true');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.borderColor = k.color;
      button.append(swatch, document.createTextNode(k.kind + ' ×' + k.count));
      button.addEventListener('click', () => {
        if (hiddenKinds.has(k.kind)) hiddenKinds.delete(k.kind);
        else hiddenKinds.add(k.kind);
        button.setAttribute('aria-pressed', hiddenKinds.has(k.kind) ? 'false' : 'true');
        for (const plot of plots) plot.redraw(false, false);
      });
      el.append(button);
    }
  }

  try {
    eventLegend();
    for (const chart of data.charts) timeChart(chart);
    histogramChart(data.gcHistogram);
    document.documentElement.dataset.chartsReady = String(plots.length);
  } catch (error) {
    document.documentElement.dataset.chartsError = String(error && error.message ? error.message : error);
    console.error(error);
  }
})();
