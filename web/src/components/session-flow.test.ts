// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GuidedSession, type SessionServices } from './session-flow';
import type { Decision, GuardInput, GuardResult } from './core';
import type { SessionBody } from './data';
import { GuardPanel } from './guard-panel';
import { SessionDone } from './session-done';
import { ExercisePicker } from './session-exercise';
import { HoldReport, PainBefore } from './session-forms';
import { SessionLive } from './session-live';
import { birdDog, FakeCamera, FakeCues, noLimit, planItem, serverDose } from './session-testing';

beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => ({})) as unknown as typeof HTMLCanvasElement.prototype.getContext;
});

const decision = (action: Decision['action'], message: string): Decision => ({ action, code: action, message, source: 'a trial', undo: 'report less pain' });

/** The guard's answer: every event gets a decision; the last report's action and state are the test's. */
function guardAnswer(input: GuardInput, action: Decision['action'] = 'continue', state: GuardResult['state'] = 'running', message = 'Carry on gently.'): GuardResult {
  return { decisions: input.events.map(() => decision(action, message)), state, max_pain: 0, limit: noLimit };
}

/** choose sets the slider labelled label, as a person's drag does. */
function choose(label: string, v: number): void {
  const l = [...document.querySelectorAll('label')].find((x) => x.textContent === label && !x.closest('[hidden]'));
  if (!l) throw new Error(`no slider labelled ${label}`);
  const input = document.getElementById(l.htmlFor) as HTMLInputElement;
  input.value = String(v);
  input.dispatchEvent(new Event('input'));
}

async function setup(guard: (input: GuardInput) => GuardResult = (i) => guardAnswer(i)) {
  const camera = new FakeCamera();
  const status = document.createElement('p');
  const say = vi.fn();
  const report = new HoldReport();
  const item = planItem(2, false); // 8 s holds; the server's level 1: 5 s holds, 4 of them
  const picker = new ExercisePicker([item], null, { exercise: async () => birdDog, todaysDose: async () => serverDose(1) }, (d, it) => report.askAbout(d.effort, it.dose.max_intensity));
  const live = new SessionLive({ status, say, toggle: document.createElement('button'), camera: () => camera, cues: (_e, targetS) => new FakeCues(targetS) });
  const parts = { picker, before: new PainBefore(), live, report, panel: new GuardPanel(), done: new SessionDone(), status, say };
  const posted: SessionBody[] = [];
  const release = vi.fn();
  const services = {
    guard: vi.fn(async (input: GuardInput) => guard(structuredClone(input))),
    upload: vi.fn(async (_text: string) => ({ id: 7, measures: [] })),
    post: vi.fn(async (b: SessionBody) => void posted.push(b)),
    postAsPageCloses: vi.fn(),
    holdPage: vi.fn(() => release),
  } satisfies SessionServices;
  const session = new GuidedSession(12, parts, services);
  await picker.load();
  document.body.replaceChildren(picker.field, picker.info, parts.before.el, live.view.el, report.el, session.actions, parts.panel.el, parts.done.el, status);
  return { session, parts, camera, services, posted, release, say, status };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const button = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === text)!;
const visible = (el: HTMLElement) => !el.hidden && !el.closest('[hidden]');

/** start chooses the pain before and starts the session: the first hold is under way. */
async function start(s: Setup): Promise<void> {
  choose('Back pain right now', 2);
  choose('Leg pain right now', 0);
  button('Start session').click();
  await vi.waitFor(() => expect(s.parts.live.holding).toBe(true));
}

/** holdFor gives the hold n frames with a person (0.5 s each for the fake cues). */
function holdFor(s: Setup, n: number): void {
  for (let i = 0; i < n; i++) s.camera.frame(i / 10);
}

/** saveHold reports a hold with these values and waits for the guard's answer. */
async function saveHold(s: Setup, intensity: number, pain: number, legPain: number): Promise<void> {
  choose('How hard was that hold?', intensity);
  choose('Back pain now', pain);
  choose('Leg pain now', legPain);
  const calls = s.services.guard.mock.calls.length;
  button('Save this hold').click();
  await vi.waitFor(() => expect(s.services.guard.mock.calls.length).toBe(calls + 1));
  await vi.waitFor(() => expect(button('Save this hold').disabled).toBe(false));
}

describe('a guided session', () => {
  it('does not start until the pain before is chosen', async () => {
    const s = await setup();
    button('Start session').click();
    await Promise.resolve();
    expect(s.camera.calls).toEqual([]);
    expect(s.services.guard).not.toHaveBeenCalled();
    expect(s.parts.before.el.textContent).toContain('Please choose a value for: Back pain right now; Leg pain right now.');
  });

  it('starts: the camera, the page held, the guard told the hold began, the live view first', async () => {
    const s = await setup();
    await start(s);
    expect(s.camera.calls).toEqual(['start']);
    expect(s.services.holdPage).toHaveBeenCalledWith('Your session is not finished. If you leave now, it is saved as stopped early.', expect.any(Function));
    const input = s.services.guard.mock.calls[0]![0];
    expect(input).toMatchObject({ back_pain: 2, leg_pain: 0, effort: true, max_intensity: 5 });
    expect(input.events.map((e) => [e.kind, e.exercise])).toEqual([['set_started', 'bird-dog']]);
    expect(s.say).toHaveBeenCalledWith('Carry on gently.');
    expect(s.parts.before.el.hidden).toBe(true);
    expect(s.parts.picker.field.hidden).toBe(true);
    expect(s.parts.live.view.isOn).toBe(true);
    expect(s.parts.live.view.line.textContent).toBe('Bird dog: hold 1 of 4');
    expect(s.parts.live.view.el.nextElementSibling).toBe(s.parts.report.el);
    expect(s.parts.report.el.nextElementSibling).toBe(s.parts.picker.info);
  });

  it('ends a hold at its target with words that match it, the camera off, and asks how it felt', async () => {
    const s = await setup();
    await start(s);
    holdFor(s, 10);
    expect(s.parts.live.holding).toBe(false);
    expect(s.camera.calls).toEqual(['start', 'pause']);
    expect(visible(s.parts.report.el)).toBe(true);
    expect(s.parts.live.view.el.hidden).toBe(true);
    const result = s.parts.report.el.querySelector<HTMLElement>('[data-testid="hold-result"]')!;
    expect(result.textContent).toBe('Well done. Lower your arm and leg slowly, then tell me how it felt.');
    expect(result.dataset.holdS).toBe('5.00');
    expect(s.say).toHaveBeenLastCalledWith(result.textContent);
  });

  it('ends a hold by the button with the seconds that counted', async () => {
    const s = await setup();
    await start(s);
    holdFor(s, 5);
    button('End this hold').click();
    expect(s.parts.report.el.querySelector('[data-testid="hold-result"]')!.textContent).toMatch(/^You held it in good form for 2 of 5 seconds\./);
  });

  it('tells the guard the report, uploads the hold, offers the next hold, and saves the finished session', async () => {
    const s = await setup();
    await start(s);
    holdFor(s, 10);
    button('Save this hold').click();
    await Promise.resolve();
    expect(s.services.guard).toHaveBeenCalledTimes(1); // untouched sliders: nothing reaches the guard
    await saveHold(s, 3, 2, 0);
    const events = s.services.guard.mock.calls[1]![0].events.map((e) => [e.kind, e.value ?? null, e.location ?? null]);
    expect(events).toEqual([['set_started', null, null], ['set_ended', null, null], ['intensity', 3, null], ['pain', 2, 'back'], ['pain', 0, 'leg']]);
    expect(s.services.upload).toHaveBeenCalledOnce();
    expect(s.services.upload.mock.calls[0]![0].split('\n')[0]).toContain('"exercise":"bird-dog"');
    expect(visible(button('Next hold'))).toBe(true);
    expect(visible(button('Finish session'))).toBe(true);
    expect(s.parts.report.el.hidden).toBe(true);
    button('Finish session').click();
    await vi.waitFor(() => expect(s.posted).toHaveLength(1));
    const body = s.posted[0]!;
    expect(body).toMatchObject({ plan_id: 12, exercise: 'bird-dog', pain_before: 2, leg_pain_before: 0, pain_after: 2 });
    expect(body.stopped_reason).toBeUndefined();
    expect(body.sets).toEqual([{ exercise: 'bird-dog', hold_s: 5, intensity: 3, pain: 2, leg_pain: 0, recording_id: 7 }]);
    expect(body.events).toHaveLength(5);
    await vi.waitFor(() => expect(s.parts.done.el.hidden).toBe(false));
    expect(s.parts.done.el.querySelector('h2')!.textContent).toBe('Session saved');
    expect(s.parts.done.el.nextElementSibling).toBe(s.parts.panel.el);
    expect(s.release).toHaveBeenCalledOnce();
    expect(s.camera.calls.at(-1)).toBe('stop');
    expect(s.say).toHaveBeenCalledWith('That is the session done. Well done.');
    expect(s.status.textContent).toBe('Camera off.');
    expect(s.parts.picker.info.hidden).toBe(true);
  });

  it('offers no next hold after the last one', async () => {
    const s = await setup();
    await start(s);
    for (let rep = 1; rep <= 4; rep++) {
      if (rep > 1) {
        button('Next hold').click();
        await vi.waitFor(() => expect(s.parts.live.holding).toBe(true));
        expect(s.parts.live.view.line.textContent).toBe(`Bird dog: hold ${rep} of 4`);
      }
      holdFor(s, 10);
      await saveHold(s, 3, 2, 0);
    }
    expect(button('Next hold').hidden).toBe(true);
    expect(visible(button('Finish session'))).toBe(true);
  });

  it('ends when the guard stops it, saved with the guard’s words', async () => {
    const s = await setup((i) => (i.events.some((e) => e.kind === 'pain' && e.value! >= 4) ? guardAnswer(i, 'stop', 'stopped', 'Your pain went up: stop for today.') : guardAnswer(i)));
    await start(s);
    holdFor(s, 10);
    await saveHold(s, 3, 4, 0);
    await vi.waitFor(() => expect(s.posted).toHaveLength(1));
    expect(s.posted[0]!.stopped_reason).toBe('Your pain went up: stop for today.');
    expect(s.posted[0]!.sets).toHaveLength(1);
    await vi.waitFor(() => expect(s.parts.done.el.hidden).toBe(false));
    expect(s.parts.done.el.querySelector('h2')!.textContent).toBe('Session stopped and saved');
    expect(s.parts.panel.el.querySelector('[data-testid="guard-now"]')!.textContent).toBe('Your pain went up: stop for today.');
    // The end screen shows only the decision that holds: no "Carry on" listed under the stop.
    expect(s.parts.panel.el.querySelectorAll('.guard-log li:not([hidden])')).toHaveLength(0);
    expect(s.parts.panel.el.textContent).not.toContain('Carry on');
  });

  it('keeps the camera off while the guard pauses, and asks again', async () => {
    const s = await setup((i) => (i.events.filter((e) => e.kind === 'set_started').length === 2 ? guardAnswer(i, 'pause', 'paused', 'Rest a moment.') : guardAnswer(i)));
    await start(s);
    holdFor(s, 10);
    await saveHold(s, 3, 2, 0);
    button('Next hold').click();
    await vi.waitFor(() => expect(s.parts.report.paused).toBe(true));
    expect(s.camera.calls).toEqual(['start', 'pause']);
    expect(s.parts.live.view.el.hidden).toBe(true);
    expect(visible(s.parts.report.el)).toBe(true);
    expect(s.say).toHaveBeenLastCalledWith('Rest a moment.');
  });

  it('saves a hold stopped by the person as aborted, with its landmarks and no pain', async () => {
    const s = await setup();
    await start(s);
    holdFor(s, 3);
    button('Stop session').click();
    await vi.waitFor(() => expect(s.posted).toHaveLength(1));
    expect(s.posted[0]!.stopped_reason).toBe('You stopped the session. That is always all right.');
    expect(s.posted[0]!.sets).toEqual([{ exercise: 'bird-dog', hold_s: 1.5, aborted: true, recording_id: 7 }]);
    expect(s.say).not.toHaveBeenCalledWith('That is the session done. Well done.');
  });

  it('keeps a hold whose landmarks could not be uploaded, and says so', async () => {
    const s = await setup();
    s.services.upload.mockRejectedValueOnce(new Error('the server is away'));
    await start(s);
    holdFor(s, 10);
    await saveHold(s, 3, 2, 0);
    expect(s.status.textContent).toBe('The landmarks of this hold could not be saved: the server is away');
    button('Finish session').click();
    await vi.waitFor(() => expect(s.posted).toHaveLength(1));
    expect(s.posted[0]!.sets[0]!.recording_id).toBeUndefined();
  });

  it('says when the session could not be saved', async () => {
    const s = await setup();
    s.services.post.mockRejectedValueOnce(new Error('the server is away'));
    await start(s);
    button('Stop session').click();
    await vi.waitFor(() => expect(s.parts.done.el.hidden).toBe(false));
    expect(s.parts.done.el.querySelector('[role="alert"]')!.textContent).toBe('The session could not be saved: the server is away');
    expect(s.release).toHaveBeenCalledOnce();
  });

  it('says why the camera did not start, and lets the person try again', async () => {
    const s = await setup();
    s.camera.fail = new DOMException('denied', 'NotAllowedError');
    choose('Back pain right now', 2);
    choose('Leg pain right now', 0);
    button('Start session').click();
    await vi.waitFor(() => expect(s.camera.calls).toEqual(['start', 'stop']));
    expect(s.status.textContent).toBe('Could not start: The camera was not allowed. Allow it in the browser and try again.');
    expect(button('Start session').disabled).toBe(false);
    expect(s.parts.picker.field.querySelector('select')!.disabled).toBe(false);
    expect(s.services.holdPage).not.toHaveBeenCalled();
  });

  it('posts what was done as the page closes during the session, once, and not before it starts', async () => {
    const s = await setup();
    s.session.pageHide();
    expect(s.services.postAsPageCloses).not.toHaveBeenCalled();
    await start(s);
    holdFor(s, 2);
    s.session.pageHide();
    s.session.pageHide();
    expect(s.services.postAsPageCloses).toHaveBeenCalledOnce();
    const body = s.services.postAsPageCloses.mock.calls[0]![0];
    expect(body.stopped_reason).toBe('You left the page before the session ended. What you did until then is saved.');
    expect(body.sets).toEqual([{ exercise: 'bird-dog', hold_s: 1, aborted: true }]);
  });

  it('saves the session as stopped early when the person leaves for another page, and closes the camera', async () => {
    const s = await setup();
    await start(s);
    s.session.leave();
    await vi.waitFor(() => expect(s.posted).toHaveLength(1));
    expect(s.posted[0]!.stopped_reason).toBe('You left the page before the session ended. What you did until then is saved.');
    expect(s.camera.calls).toContain('stop');
    const t = await setup();
    t.session.leave();
    await Promise.resolve();
    expect(t.posted).toHaveLength(0);
    expect(t.camera.calls).toEqual(['stop']);
  });
});
