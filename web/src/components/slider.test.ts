import { describe, expect, it } from 'vitest';
import { firstKeyValue } from './slider';

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
