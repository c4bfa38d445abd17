// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { GuardPanel, topDecision } from './guard-panel';
import type { Decision, GuardResult } from './core';

const decision = (action: Decision['action'], code: string, message: string, heuristic = false): Decision => ({ action, code, message, source: 'A trial of stretching (2020)', undo: 'Report lower pain.', ...(heuristic ? { heuristic } : {}) });

const result = (state: GuardResult['state'], decisions: Decision[], capDeg = 0): GuardResult => ({
  decisions,
  state,
  max_pain: 0,
  limit: { max_angle_deg: capDeg, recent_average_deg: 0, session_cap_deg: 0, code: 'cap', message: 'ten per cent over your recent average', source: '' },
});

describe('the most serious decision', () => {
  it('is chosen by action, the newest of equals', () => {
    const a = decision('continue', 'a', 'Carry on.');
    const b = decision('stop', 'b', 'Stop now.');
    const c = decision('lower_intensity', 'c', 'Ease off.');
    const d = decision('stop', 'd', 'Stop again.');
    expect(topDecision([a, b, c, d])).toBe(d);
    expect(topDecision([a, b, c])).toBe(b);
    expect(topDecision([a, c])).toBe(c);
    expect(topDecision([decision('seek_care', 'e', 'Call a doctor.'), b])!.code).toBe('e');
  });
});

describe('the guard panel', () => {
  it('stays hidden until the guard answers, then lists each decision with its source and undo', () => {
    const p = new GuardPanel();
    expect(p.el.hidden).toBe(true);
    const fresh = [decision('continue', 'pain_safe', 'Your pain is fine.'), decision('lower_intensity', 'intensity_high', 'Ease off a little.', true)];
    const top = p.show(result('running', fresh), fresh);
    expect(p.el.hidden).toBe(false);
    expect(top.code).toBe('intensity_high');
    const now = p.el.querySelector<HTMLElement>('[data-testid="guard-now"]')!;
    expect(now.textContent).toBe('Ease off a little.');
    expect(now.dataset.action).toBe('lower_intensity');
    expect(now.dataset.state).toBe('running');
    // The decision said on top has its source and undo there; the others are listed under it.
    const items = [...p.el.querySelectorAll<HTMLElement>('.guard-log li')];
    expect(items.map((li) => li.dataset.code)).toEqual(['pain_safe']);
    expect(items[0]!.querySelector('strong')!.textContent).toBe('Carry on: ');
    const current = p.el.querySelector<HTMLElement>('.guard-current')!;
    expect(current.textContent).toContain('Source: A trial of stretching (2020)');
    expect(current.textContent).toContain('Undo: Report lower pain.');
    expect(current.textContent).toContain('rule of thumb');
    expect(items[0]!.textContent).not.toContain('rule of thumb');
  });

  it('says each decision once after a saved hold: the newest of the most serious on top, the others in the list', () => {
    const p = new GuardPanel();
    const started = [decision('continue', 'set_started', 'Move slowly and with control.')];
    p.show(result('running', started), started);
    const saved = [
      decision('continue', 'set_ended', 'Set done. How much does it hurt now, and where?'),
      decision('continue', 'intensity_mild', '3 out of 10 is a steady effort: keep it there.'),
      decision('continue', 'pain_safe', 'Back pain 2 out of 10 is in the safe zone.'),
      decision('continue', 'pain_safe', 'Leg pain 2 out of 10 is in the safe zone.'),
    ];
    const top = p.show(result('running', saved), saved);
    expect(top.message).toBe('Leg pain 2 out of 10 is in the safe zone.');
    const text = p.el.textContent ?? '';
    for (const d of [...started, ...saved]) expect(text.split(d.message).length - 1, d.message).toBe(1);
    expect(p.el.querySelector('[data-testid="guard-now"]')!.textContent).toBe(top.message);
    expect(p.el.querySelector('.guard-current')!.textContent).toContain('Source: A trial of stretching (2020)');
  });

  it('lists a stop once: the guard’s repeats of it are not listed again', () => {
    const p = new GuardPanel();
    const stop = [decision('stop', 'pain_rise', 'Your pain went up: stop for today.')];
    p.show(result('stopped', stop), stop);
    const again = [decision('stop', 'over', 'The session is over.')];
    p.show(result('stopped', again), again);
    expect([...p.el.querySelectorAll<HTMLElement>('.guard-log li')].map((li) => li.dataset.code)).toEqual(['pain_rise']);
    expect(p.el.querySelector('[data-testid="guard-now"]')!.textContent).toBe('The session is over.');
  });

  it('shows today’s range cap only when the guard sets one', () => {
    const p = new GuardPanel();
    const fresh = [decision('continue', 'ok', 'Fine.')];
    p.show(result('running', fresh), fresh);
    expect(p.el.querySelector('.hint')!.textContent).toBe('');
    p.show(result('running', fresh, 12.4), fresh);
    expect(p.el.querySelector('.hint')!.textContent).toBe('Today’s range cap: 12° (ten per cent over your recent average).');
  });
});
