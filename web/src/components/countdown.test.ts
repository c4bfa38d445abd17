// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { countdown, countdownChoice } from './countdown';
import { LiveView } from './live';

beforeAll(() => {
  // happy-dom has no 2D canvas; the live view's stage only needs one to exist.
  HTMLCanvasElement.prototype.getContext = (() => ({})) as unknown as typeof HTMLCanvasElement.prototype.getContext;
});

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

describe('the countdown’s length', () => {
  it('starts at 10 s, and at the choice kept on this device after one is made', () => {
    const sel = countdownChoice();
    expect(sel.value).toBe('10');
    expect([...sel.options].map((o) => o.textContent)).toEqual(['5 seconds', '10 seconds', '15 seconds', '20 seconds', '30 seconds']);
    sel.value = '20';
    sel.dispatchEvent(new Event('change'));
    expect(countdownChoice().value).toBe('20');
  });

  it('ignores a kept value that is not one of the choices', () => {
    localStorage.setItem('stretchwise.countdown', '7');
    expect(countdownChoice().value).toBe('10');
  });
});

describe('the countdown', () => {
  it('shows the seconds left once, in the timer, says the start and the last three, and ends once', () => {
    vi.useFakeTimers();
    const live = new LiveView({ label: 'Camera', cueTestId: 'cue', timerLabel: 'Recording time', timerTestId: 'timer' });
    const said: string[] = [];
    const done = vi.fn();
    countdown(live, 5, (s) => said.push(s), done);
    expect(live.cue.textContent).toBe('Get into position.');
    expect(live.timer.textContent).toBe('Recording in 5 s');
    expect(said).toEqual(['Get into position. Recording in 5 seconds.']);
    vi.advanceTimersByTime(1000);
    expect(live.timer.textContent).toBe('Recording in 4 s');
    expect(live.cue.textContent).not.toMatch(/[0-9]/);
    expect(said).toHaveLength(1);
    vi.advanceTimersByTime(3000);
    expect(live.timer.textContent).toBe('Recording in 1 s');
    expect(said.slice(1)).toEqual(['3', '2', '1']);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(done).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(5000);
    expect(done).toHaveBeenCalledOnce();
  });

  it('stops early when asked, without ending', () => {
    vi.useFakeTimers();
    const live = new LiveView({ label: 'Camera', cueTestId: 'cue', timerLabel: 'Recording time', timerTestId: 'timer' });
    const done = vi.fn();
    const stop = countdown(live, 5, () => undefined, done);
    vi.advanceTimersByTime(2000);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(done).not.toHaveBeenCalled();
    expect(live.timer.textContent).toBe('Recording in 3 s');
  });
});
