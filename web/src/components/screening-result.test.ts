// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

// The replay draws on a canvas (the flow's browser test watches it); here
// it is stood in for, to check what recording it gets and that it stops.
const replays = vi.hoisted(() => ({ calls: [] as { text: string; stop: ReturnType<typeof vi.fn> }[] }));
vi.mock('./replay', () => ({
  skeletonReplay: (text: string) => {
    const stop = vi.fn();
    replays.calls.push({ text, stop });
    const el = document.createElement('div');
    el.dataset.testid = 'replay';
    return { el, stop };
  },
}));

import { ScreeningResult } from './screening-result';
import type { Report } from '../api';

const report = (verdict: string): Report => ({ exercise: 'bird-dog', view: 'rear', verdict, measures: [], findings: [], reasons: verdict === 'inconclusive' ? ['Too few frames with a person.'] : [] });

function setup() {
  const covers = [document.createElement('div'), document.createElement('section')];
  const navigate = vi.fn();
  const makePlan = vi.fn(() => Promise.resolve());
  const result = new ScreeningResult({ covers, navigate, makePlan });
  document.body.replaceChildren(...covers, result.el);
  const button = (text: string) => [...result.el.querySelectorAll('button')].find((b) => b.textContent === text)!;
  return { result, covers, navigate, makePlan, button };
}

describe('a screening’s result', () => {
  it('shows the report with the replay of the recording in place of the guide and the camera, and takes the focus', () => {
    const { result, covers } = setup();
    result.show(report('stable'), 'the recording\n', 'bird-dog');
    expect(covers.every((c) => c.hidden)).toBe(true);
    expect(result.el.querySelector('[data-testid="verdict"]')!.getAttribute('data-verdict')).toBe('stable');
    expect(result.el.querySelector('[data-testid="replay"]')).not.toBeNull();
    expect(replays.calls.at(-1)!.text).toBe('the recording\n');
    expect(document.activeElement).toBe(result.el.querySelector('h2'));
    expect(result.el.textContent).not.toContain('honest answer');
  });

  it('says an inconclusive test is no failure', () => {
    const { result } = setup();
    result.show(report('inconclusive'), 'r', 'bird-dog');
    expect(result.el.querySelector('p.lead')!.textContent).toMatch(/^That is an honest answer, not a failure/);
  });

  it('makes the plan and then opens it (the plan page itself makes none), or leads to the same test again', async () => {
    const { result, navigate, makePlan, button } = setup();
    result.show(report('stable'), 'r', 'thomas-test');
    button('Make my plan').click();
    await vi.waitFor(() => expect(navigate).toHaveBeenLastCalledWith('/plan'));
    expect(makePlan).toHaveBeenCalledOnce();
    button('Do another test').click();
    expect(navigate).toHaveBeenLastCalledWith('/screening?test=thomas-test');
  });

  it('says so when the plan cannot be made, and stays', async () => {
    const { result, navigate, makePlan, button } = setup();
    makePlan.mockImplementationOnce(() => Promise.reject(new Error('the server is away')));
    result.show(report('stable'), 'r', 'thomas-test');
    button('Make my plan').click();
    await vi.waitFor(() => expect(result.el.querySelector('[role="status"]')!.textContent).not.toBe(''));
    expect(navigate).not.toHaveBeenCalled();
    expect(button('Make my plan').disabled).toBe(false);
  });

  it('cleared, stops the replay and shows the guide and the camera again', () => {
    const { result, covers } = setup();
    result.show(report('stable'), 'r', 'bird-dog');
    const { stop } = replays.calls.at(-1)!;
    result.clear();
    expect(stop).toHaveBeenCalledOnce();
    expect(result.el.childElementCount).toBe(0);
    expect(covers.some((c) => c.hidden)).toBe(false);
    result.show(report('stable'), 'r', 'bird-dog');
    result.show(report('caution'), 'r', 'bird-dog');
    expect(replays.calls.at(-2)!.stop).toHaveBeenCalledOnce();
    expect(result.el.querySelectorAll('[data-testid="replay"]')).toHaveLength(1);
  });
});
