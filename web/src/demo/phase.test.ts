import { describe, expect, it, vi } from 'vitest';

vi.mock('./engine', () => ({ animation: () => undefined }));
vi.mock('./demo.css', () => ({}));

import { phaseWords } from './player';

describe('a demonstration’s stage', () => {
  it('is said in plain words, not by its internal name', () => {
    expect(phaseWords('baseline')).toBe('Starting position');
    expect(phaseWords('setup')).toBe('Getting into position');
    expect(phaseWords('hold', 'left')).toBe('Hold, left side');
    expect(phaseWords('other')).toBe('');
  });
});
