// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdPage, leaveMessage, mayLeave } from './leave';

const unload = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

describe('holding the page while work would be lost', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lets the page go when nothing is held', () => {
    const ask = vi.spyOn(window, 'confirm');
    expect(leaveMessage()).toBeUndefined();
    expect(mayLeave()).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks before a reload or closing, and before another page, until released', () => {
    const release = holdPage('Your recording is not finished.');
    expect(unload()).toBe(true);
    const ask = vi.spyOn(window, 'confirm').mockReturnValue(false);
    expect(mayLeave()).toBe(false);
    expect(ask.mock.calls[0]![0]).toMatch(/^Your recording is not finished\./);
    ask.mockReturnValue(true);
    expect(mayLeave()).toBe(true);
    release();
    release();
    expect(leaveMessage()).toBeUndefined();
    expect(unload()).toBe(false);
  });

  it('says what the latest hold would lose while two are held', () => {
    const a = holdPage('first');
    const b = holdPage('second');
    expect(leaveMessage()).toBe('second');
    b();
    expect(leaveMessage()).toBe('first');
    a();
  });

  it('tells the page when the person chose to stay, and not when they left', () => {
    const stayed = vi.fn();
    const release = holdPage('Your session is not finished.', stayed);
    const ask = vi.spyOn(window, 'confirm').mockReturnValue(false);
    expect(mayLeave()).toBe(false);
    expect(stayed).toHaveBeenCalledOnce();
    ask.mockReturnValue(true);
    expect(mayLeave()).toBe(true);
    expect(stayed).toHaveBeenCalledOnce();
    release();
  });
});
