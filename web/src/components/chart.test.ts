// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatShortDate } from '../format';
import { lineChart } from './chart';

describe('lineChart’s time axis', () => {
  it('ends at the only point, not an hour after it', () => {
    const at = new Date(Date.now() - 60_000);
    const fig = lineChart('Angle', [{ name: 'Hip', unit: '°', points: [{ t: at, v: 12 }] }]);
    const labels = Array.from(fig.querySelectorAll('svg > text')).map((e) => e.textContent);
    // The last two labels are the axis's start and end.
    expect(labels.at(-1)).toBe(formatShortDate(at, true));
    expect(labels.at(-2)).toBe(formatShortDate(new Date(at.getTime() - 2 * 3600_000), true));
  });

  it('ends at the last point when there are several', () => {
    const a = new Date('2026-12-01T10:00:00Z');
    const b = new Date('2026-12-05T10:00:00Z');
    const fig = lineChart('Angle', [{ name: 'Hip', unit: '°', points: [{ t: a, v: 12 }, { t: b, v: 14 }] }]);
    const labels = Array.from(fig.querySelectorAll('svg > text')).map((e) => e.textContent);
    expect(labels.slice(-2)).toEqual([formatShortDate(a), formatShortDate(b)]);
  });
});
