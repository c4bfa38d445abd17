// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { HoldReport, PainBefore } from './session-forms';

/** choose sets a slider of el, found by its label, as a person's drag does. */
function choose(el: HTMLElement, label: string, v: number): void {
  const l = [...el.querySelectorAll('label')].find((x) => x.textContent === label);
  if (!l) throw new Error(`no slider labelled ${label}`);
  const input = el.querySelector<HTMLInputElement>(`#${l.htmlFor}`)!;
  input.value = String(v);
  input.dispatchEvent(new Event('input'));
}

const alert = (el: HTMLElement) => el.querySelector('[role="alert"]')!.textContent;

describe('the pain before a session', () => {
  it('gives no answers until both sliders are chosen, and says which are missing', () => {
    const p = new PainBefore();
    document.body.append(p.el);
    expect(p.answers()).toBeNull();
    expect(alert(p.el)).toBe('Please choose a value for: Back pain right now; Leg pain right now. Nothing is filled in for you.');
    choose(p.el, 'Leg pain right now', 0);
    expect(p.answers()).toBeNull();
    expect(alert(p.el)).toBe('Please choose a value for: Back pain right now. Nothing is filled in for you.');
    choose(p.el, 'Back pain right now', 3);
    expect(p.answers()).toEqual({ back: 3, leg: 0 });
    expect(alert(p.el)).toBe('');
    expect(p.begin.textContent).toBe('Start session');
    p.el.remove();
  });
});

describe('the report after a hold', () => {
  it('asks about the stretch, or the effort of a strength hold', () => {
    const r = new HoldReport();
    expect(r.el.textContent).toContain('How strong was the stretch?');
    r.askAbout(true, 5);
    expect(r.el.textContent).toContain('How hard was that hold?');
    expect(r.el.textContent).not.toContain('How strong was the stretch?');
    r.askAbout(false, 4);
    expect(r.el.textContent).toContain('How strong was the stretch?');
  });

  it('refuses untouched sliders, then gives the three values; clear unsets them for the next hold', () => {
    const r = new HoldReport();
    r.askAbout(true, 5);
    document.body.append(r.el);
    expect(r.answers()).toBeNull();
    expect(alert(r.el)).toBe('Please choose a value for: How hard was that hold?; Back pain now; Leg pain now. Nothing is filled in for you.');
    expect(r.el.querySelectorAll('input[aria-invalid="true"]')).toHaveLength(3);
    choose(r.el, 'How hard was that hold?', 4);
    choose(r.el, 'Back pain now', 2);
    choose(r.el, 'Leg pain now', 0);
    expect(r.answers()).toEqual({ intensity: 4, pain: 2, leg_pain: 0 });
    r.clear();
    expect(alert(r.el)).toBe('');
    expect(r.answers()).toBeNull();
    r.el.remove();
  });

  it('opens with the words on the hold and the focus on its heading, and can be headed as paused', () => {
    const r = new HoldReport();
    document.body.append(r.el);
    expect(r.el.hidden).toBe(true);
    r.open('Good hold: 20 seconds counted.', 20.257);
    expect(r.el.hidden).toBe(false);
    expect(r.el.querySelector<HTMLElement>('[data-testid="hold-result"]')!.dataset.holdS).toBe('20.26');
    expect(r.el.querySelector('[data-testid="hold-result"]')!.textContent).toBe('Good hold: 20 seconds counted.');
    expect(document.activeElement).toBe(r.el.querySelector('h2'));
    r.open();
    expect(r.el.querySelector('[data-testid="hold-result"]')!.textContent).toBe('Good hold: 20 seconds counted.');
    r.paused = true;
    r.retitle(true);
    expect(r.paused).toBe(true);
    expect(r.el.querySelector('h2')!.textContent).toBe('Paused. Rest, and tell me again when it has eased.');
    r.paused = false;
    r.retitle(false);
    expect(r.paused).toBe(false);
    expect(r.el.querySelector('h2')!.textContent).toBe('How did that feel?');
    r.el.remove();
  });
});
