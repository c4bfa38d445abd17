// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SessionDone } from './session-done';

function shown(): { done: SessionDone; anchor: HTMLElement } {
  const done = new SessionDone();
  const anchor = document.createElement('section');
  document.body.replaceChildren(anchor);
  return { done, anchor };
}

describe('the end of a session', () => {
  it('is hidden until shown, then stands before the anchor with the focus on its heading', () => {
    const { done, anchor } = shown();
    expect(done.el.hidden).toBe(true);
    done.saved(undefined, 2);
    done.showBefore(anchor);
    expect(done.el.hidden).toBe(false);
    expect(done.el.nextElementSibling).toBe(anchor);
    expect(document.activeElement).toBe(done.el.querySelector('h2'));
  });

  it('says a finished session is saved, how many holds were done, and links on', () => {
    const { done } = shown();
    done.saved(undefined, 1);
    expect(done.el.querySelector('h2')!.textContent).toBe('Session saved');
    expect(done.el.querySelector('.lead')!.textContent).toBe('You did 1 hold. Well done.');
    done.saved(undefined, 3);
    expect(done.el.querySelector('.lead')!.textContent).toBe('You did 3 holds. Well done.');
    expect(done.el.textContent).toContain('Tomorrow morning, tell me how your back feels');
    expect([...done.el.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['/history', 'See your history'],
      ['/checkin', 'Morning check-in'],
    ]);
  });

  it('says a stopped session is saved, with why it stopped', () => {
    const { done } = shown();
    done.saved('You stopped the session. That is always all right.', 1);
    expect(done.el.querySelector('h2')!.textContent).toBe('Session stopped and saved');
    expect(done.el.querySelector('.lead')!.textContent).toBe('You stopped the session. That is always all right.');
  });

  it('says why a session could not be saved, as an alert', () => {
    const { done } = shown();
    done.failed(new Error('the server is away'));
    const alert = done.el.querySelector('[role="alert"]')!;
    expect(alert.textContent).toBe('The session could not be saved: the server is away');
    expect(done.el.querySelector('h2')).toBeNull();
  });
});
