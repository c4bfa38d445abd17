// A small SVG line chart of values over time (pain, measures), with a
// table of the same numbers for screen readers and for reading exactly.
import { h } from '../dom';
import { formatDateTime, formatNumber, formatShortDate, niceTicks } from '../format';
import { t } from '../i18n';

export interface Series {
  name: string;
  unit: string;
  points: { t: Date; v: number; u?: number }[];
}

const NS = 'http://www.w3.org/2000/svg';
const COLORS = ['#14532d', '#b45309', '#1d4ed8', '#9f1239', '#6d28d9', '#0f766e'];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * lineChart draws the series on shared axes. yMin/yMax fix the range (0-10
 * for pain); otherwise it fits the data. Uncertainty (u) draws an error bar.
 */
export function lineChart(title: string, series: Series[], opts: { yMin?: number; yMax?: number; empty?: string } = {}): HTMLElement {
  const fig = h('figure', { class: 'chart' });
  const cap = h('figcaption', {}, title);
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) {
    fig.append(cap, h('p', { class: 'hint' }, opts.empty ?? t('components.nothingRecordedYet')));
    return fig;
  }
  // The drawing is as wide as the screen allows (at most 640 units), so that
  // on a phone its 14-unit labels stay about 14 px tall instead of shrinking
  // with a wide drawing scaled down.
  const W = Math.round(Math.min(640, Math.max(300, (typeof window === 'undefined' ? 640 : window.innerWidth) - 40)));
  const H = W < 480 ? 220 : 260;
  const L = 48;
  const R = 16;
  const T = 16;
  const B = 40;
  const ts = all.map((p) => p.t.getTime());
  let t0 = Math.min(...ts);
  const t1 = Math.max(...ts);
  // The axis ends at the last point: a single point gets the two hours before it, never time still to come.
  if (t1 === t0) t0 -= 2 * 3600_000;
  const nice = niceTicks(opts.yMin ?? Math.min(...all.map((p) => p.v - (p.u ?? 0))), opts.yMax ?? Math.max(...all.map((p) => p.v + (p.u ?? 0))));
  const y0 = opts.yMin ?? nice.lo;
  const y1 = opts.yMax ?? nice.hi;
  const ticks = nice.ticks.filter((v) => v >= y0 && v <= y1);
  const withTime = t1 - t0 < 2 * 86400_000; // within two days, the hour tells points apart
  const x = (t: Date) => L + ((t.getTime() - t0) / (t1 - t0)) * (W - L - R);
  const y = (v: number) => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart-svg' });
  root.append(svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#888' }));
  root.append(svg('line', { x1: L, y1: T, x2: L, y2: H - B, stroke: '#888' }));
  for (const v of ticks) {
    root.append(svg('text', { x: L - 6, y: y(v) + 5, 'text-anchor': 'end', 'font-size': 14, fill: '#55524b' }, formatNumber(v)));
    root.append(svg('line', { x1: L, y1: y(v), x2: W - R, y2: y(v), stroke: '#e5e1d8' }));
  }
  root.append(svg('text', { x: L, y: H - 12, 'font-size': 14, fill: '#55524b' }, formatShortDate(new Date(t0), withTime)));
  root.append(svg('text', { x: W - R, y: H - 12, 'text-anchor': 'end', 'font-size': 14, fill: '#55524b' }, formatShortDate(new Date(t1), withTime)));
  const legend = h('ul', { class: 'legend' });
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const c = COLORS[i % COLORS.length]!;
    const pts = [...s.points].sort((a, b) => a.t.getTime() - b.t.getTime());
    if (pts.length > 1) {
      root.append(svg('polyline', { points: pts.map((p) => `${x(p.t)},${y(p.v)}`).join(' '), fill: 'none', stroke: c, 'stroke-width': 3 }));
    }
    for (const p of pts) {
      if (p.u) root.append(svg('line', { x1: x(p.t), y1: y(p.v - p.u), x2: x(p.t), y2: y(p.v + p.u), stroke: c, 'stroke-width': 2 }));
      const dot = svg('circle', { cx: x(p.t), cy: y(p.v), r: 5, fill: c, 'data-series': s.name });
      dot.append(svg('title', {}, t('components.chartPoint', { name: s.name, value: `${formatNumber(p.v)}${s.unit}`, when: formatDateTime(p.t) })));
      root.append(dot);
    }
    const sw = h('span', { class: 'swatch' });
    sw.style.background = c;
    legend.append(h('li', {}, sw, `${s.name}${s.unit ? ` (${s.unit.trim()})` : ''}`));
  });
  const rows = series.flatMap((s) =>
    s.points.map((p) => h('tr', {}, h('td', {}, formatDateTime(p.t)), h('td', {}, s.name), h('td', {}, p.u ? t('components.chartValueGiveOrTake', { value: p.v, u: p.u, unit: s.unit }) : t('components.chartValue', { value: p.v, unit: s.unit })))),
  );
  const table = h(
    'details',
    {},
    h('summary', {}, t('components.theNumbers')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'measures chart-numbers' }, h('thead', {}, h('tr', {}, h('th', {}, t('components.when')), h('th', {}, t('components.what')), h('th', {}, t('components.value')))), h('tbody', {}, ...rows))),
  );
  fig.append(cap, root, legend, table);
  return fig;
}
