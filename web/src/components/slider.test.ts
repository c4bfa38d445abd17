import { describe, expect, it } from 'vitest';
import { firstKeyValue, painWords } from './slider';

describe('firstKeyValue', () => {
  it('chooses an end, never the resting middle plus one step, on a first key press', () => {
    expect(firstKeyValue('ArrowRight')).toBe(0);
    expect(firstKeyValue('ArrowUp')).toBe(0);
    expect(firstKeyValue('ArrowLeft')).toBe(0);
    expect(firstKeyValue('PageUp')).toBe(0);
    expect(firstKeyValue('Home')).toBe(0);
    expect(firstKeyValue('End')).toBe(10);
    expect(firstKeyValue('Tab')).toBeNull();
    expect(firstKeyValue('a')).toBeNull();
  });
});

describe('painWords', () => {
  it('ends the scale the way the questions do: 10 is the worst imaginable pain', async () => {
    const { t } = await import('../i18n');
    expect(t('intake.painNow')).toContain('10 = worst imaginable');
    expect(painWords(10)).toBe('worst imaginable');
    expect(painWords(7)).toBe('strong');
  });
});
