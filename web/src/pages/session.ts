// The guided session: pain before, then each hold with the live skeleton,
// a large cue (also spoken, can be muted), the good-form hold timer, and
// after each hold the intensity and pain sliders, which start unset and must
// be chosen. Every report goes to the overstretch guard (package guard, in
// the engine) and its decisions are shown with their reasons; a stop button
// is always there. The session is saved with the events the guard was told,
// and the server replays them with the same Go code: the dose level and the
// stored decisions are the server's. Only landmarks and numbers are sent.
// During a hold the live view (components/live) fills the screen. Leaving
// the page during the session asks first, and saves it as stopped early.
import { api, API_BASE } from '../api';
import { t, type MessageKey } from '../i18n';
import { field, h, select } from '../dom';
import { DEFAULT_MODEL } from '../pose/mediapipe';
import { makeFrame, makeHeader, Recorder } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { safetyStops } from '../components/safety';
import { exercise as libraryExercise, runGuard, type Decision, type GuardEvent, type GuardLimit, type GuardResult } from '../components/core';
import type { LiveFrame } from '../pose/camera';
import { cueSource, holdEndWords, type CueSource } from '../components/cues';
import { data, latest, type PlanItem } from '../components/data';
import { todaysDose } from '../components/dose';
import { effortWords, intensityWords, missingText, painWords, slider, unchosen, type Slider } from '../components/slider';
import { Speech } from '../components/speech';
import { holdPage } from '../components/leave';
import { LiveView } from '../components/live';
import { LiveCamera } from '../components/live-camera';
import { leftPage, SessionLog, sendAsPageCloses, type Upload } from '../components/session-log';
import { errorText, statusLine } from './common';
import { doseText } from './plan';

const ACTION_WORDS: Record<Decision['action'], MessageKey> = {
  continue: 'session.action.continue',
  lower_intensity: 'session.action.lowerIntensity',
  pause: 'session.action.pause',
  stop: 'session.action.stop',
  seek_care: 'session.action.seekCare',
};

function decisionItem(d: Decision): HTMLElement {
  return h(
    'li',
    { class: `decision decision-${d.action}`, 'data-code': d.code, 'data-action': d.action },
    h('strong', {}, t('session.decisionAction', { action: t(ACTION_WORDS[d.action]) })),
    d.message,
    h('details', {}, h('summary', {}, t('session.decisionWhy')), h('p', {}, t('session.decisionSource', { source: d.source })), h('p', {}, t('session.decisionUndo', { undo: d.undo })), d.heuristic ? h('p', {}, t('session.ruleOfThumb')) : null),
  );
}

export async function renderSession(ctx: RouteContext): Promise<Cleanup | void> {
  const me = await requireUser(ctx, t('route.session.title'), 'patient');
  if (!me) return;
  if (await safetyStops(ctx, t('route.session.title'), t('session.whatStops'))) return;
  const planDoc = latest(await data.plans());
  if (!planDoc || planDoc.body.plan.action !== 'exercise' || planDoc.body.plan.do.length === 0) {
    ctx.root.append(
      h('h1', { tabindex: '-1' }, t('route.session.title')),
      h('p', {}, planDoc ? t('session.noExercises') : t('session.noPlan')),
      h('p', {}, h('a', { href: '/plan', class: 'button primary' }, t('session.seePlan'))),
    );
    return;
  }
  const items = planDoc.body.plan.do;
  const speech = new Speech();
  const status = statusLine();
  const exSel = select('exercise', items.map((it) => [it.exercise, it.name] as const), ctx.params.get('exercise') ?? items[0]!.exercise);
  const info = h('div', { class: 'exercise-info' });
  const exField = h('div', { class: 'fields' }, field(t('session.exercise'), exSel));
  const painBack = slider(t('session.backPainBefore'), painWords, 'pain_before');
  const painLeg = slider(t('session.legPainBefore'), painWords, 'leg_pain_before');
  const begin = h('button', { type: 'button', class: 'primary' }, t('session.start'));
  const beforeNote = h('p', { class: 'status error', role: 'alert' });
  const before = h('section', { 'aria-labelledby': 'before-title' }, h('h2', { id: 'before-title' }, t('session.beforeTitle')), painBack.el, painLeg.el, beforeNote, h('div', { class: 'actions' }, begin));

  // The hold: the live view fills the screen; its buttons are large.
  const live = new LiveView({ label: t('session.liveLabel'), cueTestId: 'cue', timerLabel: t('session.timerLabel'), timerTestId: 'hold-timer' });
  live.cue.classList.add('session-cue');
  live.el.hidden = true;
  const camera = new LiveCamera(live);
  const endHold = h('button', { type: 'button', class: 'primary' }, t('session.endHold'));
  const stopBtn = h('button', { type: 'button', class: 'stop' }, t('session.stop'));
  live.add(endHold, stopBtn, speech.toggle);

  // The intensity slider asks about the stretch or the effort, by the exercise's kind (showInfo).
  let intensity: Slider = slider(t('session.stretchStrength'), intensityWords, 'intensity');
  const intensitySlot = h('div', {}, intensity.el);
  const backAfter = slider(t('session.backPainAfter'), painWords, 'pain');
  const legAfter = slider(t('session.legPainAfter'), painWords, 'leg_pain');
  const saveHold = h('button', { type: 'button', class: 'primary' }, t('session.saveHold'));
  const stop2 = h('button', { type: 'button', class: 'stop' }, t('session.stop'));
  const afterNote = h('p', { class: 'status error', role: 'alert' });
  const afterLead = h('p', { class: 'lead', 'data-testid': 'hold-result' });
  const after = h('section', { hidden: true, 'aria-labelledby': 'after-title', 'data-testid': 'hold-end' }, h('h2', { id: 'after-title' }, t('session.afterTitle')), afterLead, intensitySlot, backAfter.el, legAfter.el, afterNote, h('div', { class: 'actions' }, saveHold, stop2));

  const guardNow = h('p', { class: 'guard-now', 'aria-live': 'polite', 'data-testid': 'guard-now' });
  const capLine = h('p', { class: 'hint' });
  const guardLog = h('ol', { class: 'guard-log', 'aria-label': t('session.guardLog') });
  const guardBox = h('section', { class: 'guard', hidden: true, 'aria-labelledby': 'guard-title' }, h('h2', { id: 'guard-title' }, t('session.guardTitle')), guardNow, capLine, guardLog);
  const next = h('button', { type: 'button', class: 'primary', hidden: true }, t('session.nextHold'));
  const finishBtn = h('button', { type: 'button', hidden: true }, t('session.finish'));
  const doneBox = h('section', { hidden: true, class: 'done' });

  let item: PlanItem = items[0]!;
  let targetS = 10;
  let effort = false;
  let limit: GuardLimit | undefined;
  let reps = 1;
  let rep = 0;
  let t0 = 0;
  const log = new SessionLog(planDoc.id);
  let result: GuardResult | undefined;
  let source: CueSource | undefined;
  let recorder: Recorder | undefined;
  let recStart = Number.NaN;
  let holding = false;
  let finished = false;
  let angles: GuardEvent[] = [];
  let lastAngleT = -Infinity;
  /** Lets go of the page once the session is saved (components/leave). */
  let release: (() => void) | undefined;

  const now = () => (performance.now() - t0) / 1000;
  const say = (text: string) => speech.say(text);

  const showInfo = async () => {
    item = items.find((it) => it.exercise === exSel.value) ?? items[0]!;
    targetS = item.dose.hold_s ?? 0;
    reps = item.dose.reps * (item.dose.per_side ? (item.dose.sides?.length ?? 2) : 1);
    info.replaceChildren(h('p', { class: 'dose' }, t('session.yourPlan', { dose: doseText(item) })));
    try {
      const ex = await libraryExercise(item.exercise);
      effort = ex.kind !== 'stretch';
      intensity = effort ? slider(t('session.effort'), effortWords(item.dose.max_intensity), 'intensity') : slider(t('session.stretchStrength'), intensityWords, 'intensity');
      intensitySlot.replaceChildren(intensity.el);
      // The server's dose: the plan's level moved by the morning check-ins (guard.NextMorning on the stored data).
      const dose = await todaysDose(item.exercise);
      limit = dose?.limit;
      const d = dose && ex.doses[dose.level - 1];
      if (dose && d && dose.level !== item.dose.level) {
        targetS = d.hold_s ?? 0;
        reps = d.reps * (item.dose.per_side ? (item.dose.sides?.length ?? 2) : 1);
        info.append(h('p', { class: 'lead', 'data-testid': 'todays-level' }, `${targetS ? t('session.todayHold', { level: dose.level, hold: targetS, reps: d.reps }) : t('session.today', { level: dose.level, reps: d.reps })} ${dose.last?.message ?? ''}`));
      }
      info.append(
        h('h2', {}, t('session.howTo')),
        h('ol', {}, ...ex.steps.map((s) => h('li', {}, s))),
        h('p', {}, t('session.feel', { what: ex.feel.what, where: ex.feel.where })),
      );
    } catch (err) {
      info.append(h('p', { class: 'error' }, errorText(err)));
    }
  };
  exSel.addEventListener('change', () => void showInfo());
  await showInfo();

  const guard = async (...evs: GuardEvent[]): Promise<Decision[]> => {
    log.events.push(...evs);
    result = await runGuard({ back_pain: painBack.value() ?? 0, leg_pain: painLeg.value() ?? 0, ...(limit ? { limit } : {}), effort, max_intensity: item.dose.max_intensity, events: log.events });
    const fresh = result.decisions.slice(-evs.length);
    guardBox.hidden = false;
    // Once the guard has stopped the session, its repeats ("The session is over: ...") are not listed again.
    for (const d of fresh) {
      const ends = d.action === 'stop' || d.action === 'seek_care';
      if (ends && guardLog.querySelector('.decision-stop, .decision-seek_care')) continue;
      guardLog.append(decisionItem(d));
    }
    const top = fresh.reduce((a, b) => (rank(b.action) > rank(a.action) ? b : a));
    guardNow.textContent = top.message;
    if (result.limit.max_angle_deg > 0) capLine.textContent = t('session.rangeCap', { deg: result.limit.max_angle_deg, why: result.limit.message });
    guardNow.dataset.action = top.action;
    guardNow.dataset.state = result.state;
    return fresh;
  };

  const camOff = async () => {
    await camera.stop();
    source?.free();
    source = undefined;
  };

  const onFrame = (f: LiveFrame) => {
    const lm = f.estimate.image;
    if (!holding || !source) return;
    if (recorder) {
      if (Number.isNaN(recStart)) recStart = f.t;
      recorder.add(makeFrame(f.t - recStart, lm, f.estimate.world));
    }
    const out = source.update(f.t, lm);
    log.held(out.holdS);
    // The held angle for the guard's falling-hold rule, sampled every 2 s (our choice: the rule
    // compares against the set's peak, and a sample every 2 s keeps the event list short).
    if (out.holdAngleDeg !== undefined && f.t - lastAngleT >= 2) {
      angles.push({ kind: 'hold_angle', t: now(), value: Math.round(out.holdAngleDeg * 10) / 10, exercise: item.exercise });
      lastAngleT = f.t;
    }
    live.show(out.showing, out.state);
    live.time(out.holdS, out.targetS);
    if (out.cue) say(out.cue);
    if (out.targetS > 0 && out.holdS >= out.targetS) void endOfHold();
  };

  const startHold = async () => {
    rep++;
    next.hidden = true;
    finishBtn.hidden = true;
    after.hidden = true;
    live.line.textContent = t('session.holdLine', { name: item.name, rep, reps });
    live.show(t('session.getIntoPosition'));
    live.time(0, targetS);
    live.on();
    const [d] = await guard({ kind: 'set_started', t: now(), exercise: item.exercise });
    if (result?.state === 'paused' && d) {
      live.show(d.message);
      say(d.message);
      live.off();
      live.el.hidden = true;
      after.dataset.paused = '1';
      after.hidden = false;
      return;
    }
    say(d?.message ?? t('session.getIntoPosition'));
    const { width, height } = camera.size;
    source ??= cueSource(item.exercise, targetS, width / height);
    source.reset();
    live.note.textContent = source.update(0, null).timerNote;
    source.reset();
    for (const s of [intensity, backAfter, legAfter]) s.clear();
    afterNote.textContent = '';
    angles = [];
    lastAngleT = -Infinity;
    recorder = new Recorder(
      makeHeader({ width, height, view: 'unknown', exercise: item.exercise, runtime: camera.runtime, model: DEFAULT_MODEL, extra: { session_set: rep } }),
    );
    recStart = Number.NaN;
    holding = true;
    log.openSet(item.exercise);
  };

  let ending = false;
  const endOfHold = async () => {
    if (!holding || ending) return;
    ending = true;
    holding = false;
    const words = holdEndWords(effort, log.heldS, targetS);
    afterLead.textContent = words;
    afterLead.dataset.holdS = log.heldS.toFixed(2);
    say(words);
    live.off();
    live.el.hidden = true;
    after.hidden = false;
    after.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    after.querySelector<HTMLElement>('h2')?.focus();
    ending = false;
  };

  const uploadSet = async (): Promise<Upload> => {
    const rec = recorder;
    recorder = undefined;
    if (!rec || rec.detected === 0) return {};
    try {
      const stored = await api.uploadRecording(rec.text(), 'session');
      return { id: stored.id, measures: stored.report.measures };
    } catch (err) {
      status.textContent = t('session.uploadFailed', { error: errorText(err) });
      return {};
    }
  };

  const sessionBody = (stopped?: string) => log.body({ exercise: item.exercise, painBefore: painBack.value(), legPainBefore: painLeg.value(), ended: new Date(), ...(stopped ? { stopped } : {}) });

  const save = async (stoppedReason?: string) => {
    if (finished) return;
    finished = true;
    // A hold stopped before its report is saved is an aborted set: its time and landmarks, and no pain (nobody entered any).
    if (stoppedReason && log.isOpen) log.abort(await uploadSet());
    holding = false;
    await camOff();
    say(stoppedReason ? '' : t('session.doneSpoken'));
    live.off();
    live.el.hidden = true;
    after.hidden = true;
    before.hidden = true;
    next.hidden = true;
    finishBtn.hidden = true;
    try {
      await data.postSession(sessionBody(stoppedReason));
      release?.();
      doneBox.replaceChildren(
        h('h2', { tabindex: '-1' }, stoppedReason ? t('session.stoppedSaved') : t('session.saved')),
        stoppedReason ? h('p', { class: 'lead' }, stoppedReason) : h('p', { class: 'lead' }, t('session.didHolds', { count: log.sets.length })),
        h('p', {}, t('session.tomorrow')),
        h('p', { class: 'actions' }, h('a', { href: '/history', class: 'button primary' }, t('session.seeHistory')), h('a', { href: '/checkin', class: 'button' }, t('route.checkin.title'))),
      );
    } catch (err) {
      release?.();
      doneBox.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('session.saveFailed', { error: errorText(err) })));
    }
    // The outcome first, then the guard's decisions; the steps are no longer needed.
    info.hidden = true;
    guardBox.before(doneBox);
    status.textContent = t('live.cameraOff');
    doneBox.hidden = false;
    doneBox.querySelector<HTMLElement>('h2')?.focus();
  };

  // Closing or reloading the page during the session: the browser asks
  // first (holdPage); if the person goes, what was done is posted as it closes.
  const onPageHide = () => {
    if (finished || !release) return;
    finished = true;
    sendAsPageCloses(`${API_BASE}/sessions`, sessionBody(leftPage()));
  };
  window.addEventListener('pagehide', onPageHide);

  begin.addEventListener('click', async () => {
    const missing = unchosen(painBack, painLeg);
    if (missing.length > 0) {
      beforeNote.textContent = missingText(missing);
      return;
    }
    beforeNote.textContent = '';
    begin.disabled = true;
    exSel.disabled = true;
    try {
      status.textContent = t('live.starting');
      await camera.start(onFrame, (err) => (status.textContent = t('live.poseStopped', { error: errorText(err) })));
      status.textContent = t('live.cameraOn');
      log.started = new Date();
      t0 = performance.now();
      release = holdPage(t('session.leaveHold'));
      before.hidden = true;
      // The live view and the report after each hold go first; the steps stay below them.
      exField.hidden = true;
      info.before(live.el);
      info.before(after);
      await startHold();
    } catch (err) {
      status.textContent = t('live.couldNotStart', { error: errorText(err) });
      begin.disabled = false;
      exSel.disabled = false;
      await camOff();
    }
  });
  endHold.addEventListener('click', () => void endOfHold());

  saveHold.addEventListener('click', async () => {
    const missing = unchosen(intensity, backAfter, legAfter);
    const iv = intensity.value();
    const bp = backAfter.value();
    const lp = legAfter.value();
    if (missing.length > 0 || iv === null || bp === null || lp === null) {
      afterNote.textContent = missingText(missing);
      return;
    }
    afterNote.textContent = '';
    saveHold.disabled = true;
    try {
      const at = now();
      const evs: GuardEvent[] = [];
      if (log.events[log.events.length - 1]?.kind !== 'set_ended' && !after.dataset.paused) {
        evs.push(...angles, { kind: 'set_ended', t: at, exercise: item.exercise });
        angles = [];
      }
      evs.push({ kind: 'intensity', t: at, value: iv, exercise: item.exercise }, { kind: 'pain', t: at, value: bp, location: 'back' }, { kind: 'pain', t: at, value: lp, location: 'leg' });
      const fresh = await guard(...evs);
      if (!after.dataset.paused) log.report({ intensity: iv, pain: bp, leg_pain: lp }, await uploadSet());
      const top = fresh.reduce((a, b) => (rank(b.action) > rank(a.action) ? b : a));
      say(top.message);
      if (result?.state === 'stopped' || result?.state === 'seek_care') {
        live.show(top.message);
        return save(top.message);
      }
      if (result?.state === 'paused') {
        after.dataset.paused = '1';
        after.querySelector('h2')!.textContent = t('session.paused');
        return;
      }
      delete after.dataset.paused;
      after.querySelector('h2')!.textContent = t('session.afterTitle');
      after.hidden = true;
      // Finishing early is always offered; the next hold only while reps remain.
      next.hidden = rep >= reps;
      finishBtn.hidden = false;
    } catch (err) {
      status.textContent = errorText(err);
    } finally {
      saveHold.disabled = false;
    }
  });
  next.addEventListener('click', () => void startHold());
  finishBtn.addEventListener('click', () => void save());
  const stopNow = () => void save(t('session.youStopped'));
  stopBtn.addEventListener('click', stopNow);
  stop2.addEventListener('click', stopNow);

  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('route.session.title')),
    exField,
    info,
    before,
    live.el,
    after,
    h('div', { class: 'actions' }, next, finishBtn),
    guardBox,
    doneBox,
    status,
  );
  return () => {
    window.removeEventListener('pagehide', onPageHide);
    // Another page of the app, after the person agreed to leave: save what was done.
    if (release && !finished) void save(leftPage());
    holding = false;
    speech.stop();
    void camOff();
  };
}

function rank(a: Decision['action']): number {
  return ['continue', 'lower_intensity', 'pause', 'stop', 'seek_care'].indexOf(a);
}
