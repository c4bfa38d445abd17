// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LiveView } from './live';

beforeAll(() => {
  // happy-dom has no 2D canvas; the stage only needs one to exist.
  HTMLCanvasElement.prototype.getContext = (() => ({})) as unknown as typeof HTMLCanvasElement.prototype.getContext;
});

const view = () => new LiveView({ label: 'Hold', cueTestId: 'cue', cue: 'Get ready.', timerLabel: 'Hold time', timerTestId: 'hold-timer' });

describe('the live view', () => {
  it('holds the cue, the timer, the camera and the buttons in one section', () => {
    const v = view();
    expect(v.el.getAttribute('aria-label')).toBe('Hold');
    expect(v.el.querySelector('[data-testid="cue"]')?.textContent).toBe('Get ready.');
    expect(v.el.querySelector('[data-testid="hold-timer"]')?.getAttribute('role')).toBe('timer');
    expect(v.el.contains(v.stage.el)).toBe(true);
    expect(v.el.contains(v.rate.el)).toBe(true);
    expect(v.stage.el.querySelector('video')).not.toBeNull();
  });

  it('fills the screen and scrolls itself into view when on, and returns to the page when off', () => {
    const v = view();
    v.el.hidden = true;
    document.body.append(v.el);
    const scroll = vi.fn();
    v.el.scrollIntoView = scroll;
    v.on();
    expect(v.el.hidden).toBe(false);
    expect(v.isOn).toBe(true);
    expect(v.el.classList.contains('on')).toBe(true);
    expect(scroll).toHaveBeenCalledWith({ block: 'start' });
    v.off();
    expect(v.isOn).toBe(false);
    v.el.remove();
  });

  it('puts the page’s buttons before Full screen', () => {
    const v = view();
    const a = document.createElement('button');
    const b = document.createElement('button');
    v.add(a, b);
    expect([...v.actions.children]).toEqual([a, b, v.fullscreen]);
    expect(v.fullscreen.textContent).toBe('Full screen');
  });

  it('asks for full screen on the live section', () => {
    const v = view();
    const req = vi.fn(() => Promise.resolve());
    v.el.requestFullscreen = req;
    v.fullscreen.click();
    expect(req).toHaveBeenCalledOnce();
  });

  it('shows whole seconds of the target with the bar and the exact seconds for tests, or a countdown without the bar', () => {
    const v = view();
    v.time(7.86, 30);
    expect(v.timer.textContent).toBe('7 s of 30 s');
    expect(v.timer.dataset.holdS).toBe('7.86');
    expect(v.bar.hidden).toBe(false);
    expect(v.bar.max).toBe(30);
    v.countdown(5);
    expect(v.timer.textContent).toBe('Recording in 5 s');
    expect(v.timer.dataset.holdS).toBeUndefined();
    expect(v.bar.hidden).toBe(true);
    v.clear();
    expect(v.timer.textContent).toBe('');
  });

  it('shows the cue with the coach’s state, or none', () => {
    const v = view();
    v.show('Reach further.', 'correcting');
    expect(v.cue.textContent).toBe('Reach further.');
    expect(v.cue.dataset.state).toBe('correcting');
    v.show('Get into position.');
    expect(v.cue.dataset.state).toBeUndefined();
  });
});
