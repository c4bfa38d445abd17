// Dates and numbers as the person's browser locale writes them, one way
// everywhere: a date is "7 Dec 2026" (or the locale's order), a moment adds
// the time of day. Every page formats through these, so the app never mixes
// 12/7/2026 with Dec 7.

const dateFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });
const shortDateFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const shortDateTimeFmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

function asDate(d: Date | string): Date {
  return typeof d === 'string' ? new Date(d) : d;
}

/** formatDate writes a day: "7 Dec 2026" in the browser's locale. */
export function formatDate(d: Date | string): string {
  return dateFmt.format(asDate(d));
}

/** formatDateTime writes a moment: the day and the time of day. */
export function formatDateTime(d: Date | string): string {
  return dateTimeFmt.format(asDate(d));
}

/** formatShortDate writes a day without the year (chart axes), with the time when withTime. */
export function formatShortDate(d: Date | string, withTime = false): string {
  return (withTime ? shortDateTimeFmt : shortDateFmt).format(asDate(d));
}

/** formatNumber writes a number with at most the given decimals, in the browser's locale. */
export function formatNumber(v: number, decimals = 1): string {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: decimals }).format(v);
}

/**
 * niceTicks returns three to six round tick values (steps of 1, 2 or 5 times
 * a power of ten) covering [lo, hi], and the range they span.
 */
export function niceTicks(lo: number, hi: number, maxTicks = 5): { ticks: number[]; lo: number; hi: number } {
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const rough = (hi - lo) / Math.max(1, maxTicks - 1);
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((m) => m * mag).find((s) => s >= rough) ?? 10 * mag);
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Math.round(v / step) * step + 0);
  return { ticks, lo: start, hi: end };
}
