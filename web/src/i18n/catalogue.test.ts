import { afterEach, describe, expect, it } from 'vitest';
import { catalogues, interpolate, setLanguage, t, type Messages } from '.';
import { en, parts } from './en';
import { plainProblems } from './plain';

function texts(m: Messages): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'string') out.push([k, v]);
    else for (const [form, s] of Object.entries(v)) out.push([`${k} (${form})`, s as string]);
  }
  return out;
}

describe('message catalogue', () => {
  afterEach(() => setLanguage(['en']));

  it('holds no code name, file name or issue number in any message', () => {
    const bad: string[] = [];
    for (const [lang, cat] of Object.entries(catalogues)) {
      for (const [k, s] of texts(cat as Messages)) {
        // Technical figures are for the clinician's pages only.
        for (const p of plainProblems(s, { clinician: k.startsWith('clinician.') })) bad.push(`${lang} ${k}: ${p}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('defines each key in one part only', () => {
    const seen = new Map<string, string>();
    const dup: string[] = [];
    for (const [part, m] of Object.entries(parts)) {
      for (const k of Object.keys(m)) {
        if (seen.has(k)) dup.push(`${k} in ${seen.get(k)} and ${part}`);
        seen.set(k, part);
      }
    }
    expect(dup).toEqual([]);
    expect(Object.keys(en).length).toBe(seen.size);
  });

  it('gives every other language the same placeholders as English', () => {
    const names = (m: unknown) => [...texts({ m } as Messages).map(([, s]) => s).join(' ').matchAll(/\{(\w+)/g)].map((x) => x[1]).sort();
    const bad: string[] = [];
    for (const [lang, cat] of Object.entries(catalogues)) {
      for (const [k, v] of Object.entries(cat)) {
        const ref = (en as Messages)[k];
        if (ref === undefined) bad.push(`${lang} ${k}: not an English key`);
        else if (JSON.stringify([...new Set(names(v))]) !== JSON.stringify([...new Set(names(ref))])) bad.push(`${lang} ${k}: placeholders differ`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('fills placeholders, writing numbers and dates in the locale', () => {
    expect(t('duration.minutes', { m: 2, s: 5 })).toBe('2 min 5 s');
    expect(interpolate('en', 'hold {v, number, 2} s', { v: 2.345 })).toBe('hold 2.35 s');
    expect(interpolate('en', 'hold {v} s', { v: 2.345 })).toBe('hold 2.3 s');
    expect(interpolate('en', 'on {d, date}', { d: new Date(2026, 11, 7) })).toMatch(/2026/);
    expect(() => interpolate('en', 'hold {v} s', {}, 'k')).toThrow(/no value for \{v\}/);
  });

  it('chooses the plural form by the count', () => {
    const m = { one: '{count} time', other: '{count} times' };
    expect(interpolate('en', m, { count: 1 })).toBe('1 time');
    expect(interpolate('en', m, { count: 3 })).toBe('3 times');
    expect(interpolate('en', { zero: 'none yet', other: '{count} done' }, { count: 0 })).toBe('none yet');
  });

  it('falls back to English for a language the app does not have', () => {
    expect(setLanguage(['xx-YY', 'en-GB'])).toBe('en');
    expect(setLanguage(['xx'])).toBe('en');
  });
});

describe('plain-language check', () => {
  it.each([
    ['See CLINICAL.md for the thresholds', 'a file name'],
    ['a project safety rule (issue 5)', 'an issue number'],
    ['fixed in #12', 'an issue number'],
    ['cancer_history is yes', 'snake_case'],
    ['half-kneeling-hip-flexor', 'three or more words'],
    ['the header says rear-left', 'an id of the app'],
    ['knee angle p05 12', 'a percentile'],
    ['the exercise chosen is the bird dog, but the recording looks like the Thomas test', 'a clinical test'],
    ['Your thomas test found tight hip flexors', 'a clinical test'],
    ['1.0 count +/- 0.0 count', 'plus/minus'],
    ['you held undefined s', 'a programming value'],
    ['call startSession first', 'camelCase'],
    ['reps our choice, one more than level 1', 'our own jargon'],
    ['start at dose level 1, the gentlest', 'our own jargon'],
    ['the side of the trunk (obliques, quadratus lumborum)', 'a Latin muscle name'],
  ])('finds the problem in %j', (text, why) => {
    expect(plainProblems(text).join('; ')).toContain(why);
  });

  it.each([
    'Half-kneeling hip-flexor stretch: hold 30 s, 3 times on each side.',
    'Bird dog, Hip test. Your plan from 7 Dec 2026.',
    'Back pain 3 out of 10 (a little). Use an iPhone or a laptop.',
  ])('passes plain text %j', (text) => {
    expect(plainProblems(text)).toEqual([]);
  });

  it('allows technical figures in the clinician view', () => {
    expect(plainProblems('knee angle p05 12, 1.0 +/- 0.2', { clinician: true })).toEqual([]);
    expect(plainProblems('Thomas test: thigh 12 deg above horizontal', { clinician: true })).toEqual([]);
  });
});
