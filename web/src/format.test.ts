import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, niceTicks } from './format';

describe('niceTicks', () => {
  it('gives round steps that cover the data', () => {
    for (const [lo, hi] of [[-1, 20], [13, 86], [0, 10], [0.2, 0.9], [-35, -2], [5, 5]] as const) {
      const t = niceTicks(lo, hi);
      expect(t.ticks.length).toBeGreaterThanOrEqual(2);
      expect(t.ticks.length).toBeLessThanOrEqual(7);
      expect(t.lo).toBeLessThanOrEqual(Math.min(lo, hi));
      expect(t.hi).toBeGreaterThanOrEqual(Math.max(lo, hi));
      const step = t.ticks[1]! - t.ticks[0]!;
      const mant = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5].some((m) => Math.abs(mant - m) < 1e-9)).toBe(true);
      for (const v of t.ticks) expect(Math.abs(v / step - Math.round(v / step))).toBeLessThan(1e-9);
    }
  });
  it('reads the odd ranges people saw as round numbers', () => {
    expect(niceTicks(-1, 20).ticks).toEqual([-10, 0, 10, 20]);
    expect(niceTicks(13, 86).ticks).toEqual([0, 20, 40, 60, 80, 100]);
  });
});

describe('dates', () => {
  it('writes every date the same way, with the year', () => {
    const d = new Date(2026, 11, 7, 14, 5);
    expect(formatDate(d)).toMatch(/2026/);
    expect(formatDate(d)).not.toMatch(/^\d+\/\d+\/\d+$/);
    expect(formatDateTime(d)).toContain(formatDate(d).split(' ')[0]!);
    expect(formatDate(d.toISOString())).toBe(formatDate(d));
  });
});
