// The guided session: pain before, then each hold with the live skeleton,
// a large cue (also spoken, can be muted), the good-form hold timer, and
// after each hold the intensity and pain sliders, which start unset and must
// be chosen. Every report goes to the overstretch guard (package guard, in
// the engine) and its decisions are shown with their reasons; a stop button
// is always there. The session is saved with the events the guard was told,
// and the server replays them with the same Go code: the dose level and the
// stored decisions are the server's. Only landmarks and numbers are sent.
import { api, type Measure } from '../api';
import { field, h, select } from '../dom';
import { loadEngine, type LiveFilter } from '../engine';
import { closeCamera, openCamera, runLive } from '../pose/camera';
import { DEFAULT_MODEL, Estimator } from '../pose/mediapipe';
import { Stage } from '../pose/stage';
import { makeFrame, makeHeader, Recorder } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { safetyStops } from '../components/safety';
import { exercise as libraryExercise, runGuard, type Decision, type GuardEvent, type GuardLimit, type GuardResult } from '../components/core';
import { cueSource, holdEndWords, type CueSource } from '../components/cues';
import { data, latest, type PlanItem, type SetBody } from '../components/data';
import { todaysDose } from '../components/dose';
import { effortWords, intensityWords, missingText, painWords, slider, unchosen, type Slider } from '../components/slider';
import { Speech } from '../components/speech';
import { errorText, statusLine } from './common';
import { doseText } from './plan';

const ACTION_WORDS: Record<Decision['action'], string> = {
  continue: 'Carry on',
  lower_intensity: 'Ease off',
  pause: 'Pause',
  stop: 'Stop for today',
  seek_care: 'Seek care now',
};

function decisionItem(d: Decision): HTMLElement {
  return h(
    'li',
    { class: `decision decision-${d.action}`, 'data-code': d.code, 'data-action': d.action },
    h('strong', {}, `${ACTION_WORDS[d.action]}: `),
    d.message,
    h('details', {}, h('summary', {}, 'Why, and how it is undone'), h('p', {}, `Source: ${d.source}`), h('p', {}, `Undo: ${d.undo}`), d.heuristic ? h('p', {}, 'This is a rule of thumb, not a proven measure.') : null),
  );
}

export async function renderSession(ctx: RouteContext): Promise<Cleanup | void> {
  const me = await requireUser(ctx, 'Today’s session', 'patient');
  if (!me) return;
  if (await safetyStops(ctx, 'Today’s session', 'Exercise sessions')) return;
  const planDoc = latest(await data.plans());
  if (!planDoc || planDoc.body.plan.action !== 'exercise' || planDoc.body.plan.do.length === 0) {
    ctx.root.append(
      h('h1', { tabindex: '-1' }, 'Today’s session'),
      h('p', {}, planDoc ? 'Your plan has no exercises for you to do on your own right now. Please read it again.' : 'There is no plan yet.'),
      h('p', {}, h('a', { href: '/plan', class: 'button primary' }, 'See your plan')),
    );
    return;
  }
  const items = planDoc.body.plan.do;
  const speech = new Speech();
  const status = statusLine();
  const exSel = select('exercise', items.map((it) => [it.exercise, it.name] as const), ctx.params.get('exercise') ?? items[0]!.exercise);
  const info = h('div', { class: 'exercise-info' });
  const exField = h('div', { class: 'fields' }, field('Exercise', exSel));
  const painBack = slider('Back pain right now', painWords, 'pain_before');
  const painLeg = slider('Leg pain right now', painWords, 'leg_pain_before');
  const begin = h('button', { type: 'button', class: 'primary' }, 'Start session');
  const beforeNote = h('p', { class: 'status error', role: 'alert' });
  const before = h('section', { 'aria-labelledby': 'before-title' }, h('h2', { id: 'before-title' }, 'Before you start'), painBack.el, painLeg.el, beforeNote, h('div', { class: 'actions' }, begin));

  const cue = h('p', { class: 'big-cue session-cue', 'aria-live': 'assertive', 'data-testid': 'cue' }, '');
  const timer = h('p', { class: 'hold-timer', 'data-testid': 'hold-timer', role: 'timer', 'aria-label': 'Good-form hold time' }, '0 s');
  const bar = h('progress', { max: '1', value: '0', 'aria-label': 'Hold progress' });
  const repLine = h('p', { class: 'rep-line' });
  const formNote = h('p', { class: 'hint' });
  const stage = new Stage('Your skeleton, live');
  const endHold = h('button', { type: 'button' }, 'End this hold');
  const stopBtn = h('button', { type: 'button', class: 'stop' }, 'Stop session');
  const live = h('section', { hidden: true, class: 'live', 'aria-label': 'Hold' }, repLine, cue, timer, bar, formNote, h('div', { class: 'actions' }, endHold, stopBtn, speech.toggle), stage.el);

  // The intensity slider asks about the stretch or the effort, by the exercise's kind (showInfo).
  let intensity: Slider = slider('How strong was the stretch?', intensityWords, 'intensity');
  const intensitySlot = h('div', {}, intensity.el);
  const backAfter = slider('Back pain now', painWords, 'pain');
  const legAfter = slider('Leg pain now', painWords, 'leg_pain');
  const saveHold = h('button', { type: 'button', class: 'primary' }, 'Save this hold');
  const stop2 = h('button', { type: 'button', class: 'stop' }, 'Stop session');
  const afterNote = h('p', { class: 'status error', role: 'alert' });
  const afterLead = h('p', { class: 'lead', 'data-testid': 'hold-result' });
  const after = h('section', { hidden: true, 'aria-labelledby': 'after-title', 'data-testid': 'hold-end' }, h('h2', { id: 'after-title' }, 'How did that feel?'), afterLead, intensitySlot, backAfter.el, legAfter.el, afterNote, h('div', { class: 'actions' }, saveHold, stop2));

  const guardNow = h('p', { class: 'guard-now', 'aria-live': 'polite', 'data-testid': 'guard-now' });
  const capLine = h('p', { class: 'hint' });
  const guardLog = h('ol', { class: 'guard-log', 'aria-label': 'The guard’s decisions' });
  const guardBox = h('section', { class: 'guard', hidden: true, 'aria-labelledby': 'guard-title' }, h('h2', { id: 'guard-title' }, 'Safety check'), guardNow, capLine, guardLog);
  const next = h('button', { type: 'button', class: 'primary', hidden: true }, 'Next hold');
  const finishBtn = h('button', { type: 'button', hidden: true }, 'Finish session');
  const doneBox = h('section', { hidden: true, class: 'done' });

  let item: PlanItem = items[0]!;
  let targetS = 10;
  let effort = false;
  let limit: GuardLimit | undefined;
  let reps = 1;
  let rep = 0;
  let started = new Date();
  let t0 = 0;
  const events: GuardEvent[] = [];
  let result: GuardResult | undefined;
  const sets: SetBody[] = [];
  let holdS = 0;
  let source: CueSource | undefined;
  let stream: MediaStream | undefined;
  let loop: AbortController | undefined;
  let est: Estimator | undefined;
  let smooth: LiveFilter | undefined;
  let recorder: Recorder | undefined;
  let recStart = Number.NaN;
  let holding = false;
  /** A hold has begun and its set is not saved yet: stopping now makes it an aborted set. */
  let setOpen = false;
  let finished = false;
  let angles: GuardEvent[] = [];
  let lastAngleT = -Infinity;

  const now = () => (performance.now() - t0) / 1000;

  const showInfo = async () => {
    item = items.find((it) => it.exercise === exSel.value) ?? items[0]!;
    targetS = item.dose.hold_s ?? 0;
    reps = item.dose.reps * (item.dose.per_side ? (item.dose.sides?.length ?? 2) : 1);
    info.replaceChildren(h('p', { class: 'dose' }, `Your plan: ${doseText(item)}`));
    try {
      const ex = await libraryExercise(item.exercise);
      effort = ex.kind !== 'stretch';
      intensity = effort ? slider('How hard was that hold?', effortWords(item.dose.max_intensity), 'intensity') : slider('How strong was the stretch?', intensityWords, 'intensity');
      intensitySlot.replaceChildren(intensity.el);
      // The server's dose: the plan's level moved by the morning check-ins (guard.NextMorning on the stored data).
      const dose = await todaysDose(item.exercise);
      limit = dose?.limit;
      const d = dose && ex.doses[dose.level - 1];
      if (dose && d && dose.level !== item.dose.level) {
        targetS = d.hold_s ?? 0;
        reps = d.reps * (item.dose.per_side ? (item.dose.sides?.length ?? 2) : 1);
        info.append(h('p', { class: 'lead', 'data-testid': 'todays-level' }, `Today: level ${dose.level}${targetS ? `, hold ${targetS} s` : ''}, ${d.reps} times. ${dose.last?.message ?? ''}`));
      }
      info.append(
        h('h2', {}, 'How to do it'),
        h('ol', {}, ...ex.steps.map((s) => h('li', {}, s))),
        h('p', {}, `You should feel: ${ex.feel.what}, ${ex.feel.where}.`),
      );
    } catch (err) {
      info.append(h('p', { class: 'error' }, errorText(err)));
    }
  };
  exSel.addEventListener('change', () => void showInfo());
  await showInfo();

  const guard = async (...evs: GuardEvent[]): Promise<Decision[]> => {
    events.push(...evs);
    result = await runGuard({ back_pain: painBack.value() ?? 0, leg_pain: painLeg.value() ?? 0, ...(limit ? { limit } : {}), effort, max_intensity: item.dose.max_intensity, events });
    const fresh = result.decisions.slice(-evs.length);
    guardBox.hidden = false;
    for (const d of fresh) guardLog.append(decisionItem(d));
    const top = fresh.reduce((a, b) => (rank(b.action) > rank(a.action) ? b : a));
    guardNow.textContent = top.message;
    if (result.limit.max_angle_deg > 0) capLine.textContent = `Today’s range cap: ${result.limit.max_angle_deg.toFixed(0)}° (${result.limit.message}).`;
    guardNow.dataset.action = top.action;
    guardNow.dataset.state = result.state;
    return fresh;
  };

  const camOff = async () => {
    loop?.abort();
    loop = undefined;
    closeCamera(stage.video, stream);
    stream = undefined;
    smooth?.free();
    smooth = undefined;
    const e = est;
    est = undefined;
    await e?.close();
    source?.free();
    source = undefined;
  };

  const camOn = async () => {
    stream = await openCamera(stage.video);
    stage.fit();
    est = await Estimator.create({ model: DEFAULT_MODEL });
    smooth = (await loadEngine()).liveFilter(stage.video.videoWidth / Math.max(1, stage.video.videoHeight));
    loop = new AbortController();
    const signal = loop.signal;
    void runLive(stage.video, est, signal, (f) => {
      stage.fit();
      const lm = f.estimate.image;
      if (lm && smooth) stage.draw(smooth.apply(f.t, lm));
      else {
        smooth?.reset();
        stage.draw(null);
      }
      if (!holding || !source) return;
      if (recorder) {
        if (Number.isNaN(recStart)) recStart = f.t;
        recorder.add(makeFrame(f.t - recStart, lm, f.estimate.world));
      }
      const out = source.update(f.t, lm);
      holdS = out.holdS;
      // The held angle for the guard's falling-hold rule, sampled every 2 s (our choice: the rule
      // compares against the set's peak, and a sample every 2 s keeps the event list short).
      if (out.holdAngleDeg !== undefined && f.t - lastAngleT >= 2) {
        angles.push({ kind: 'hold_angle', t: now(), value: Math.round(out.holdAngleDeg * 10) / 10, exercise: item.exercise });
        lastAngleT = f.t;
      }
      cue.textContent = out.showing;
      cue.dataset.state = out.state;
      timer.textContent = `${Math.floor(out.holdS)} s of ${out.targetS} s`;
      timer.dataset.holdS = out.holdS.toFixed(2);
      bar.max = out.targetS || 1;
      bar.value = out.holdS;
      if (out.cue) speech.say(out.cue);
      if (out.targetS > 0 && out.holdS >= out.targetS) void endOfHold();
    }).catch((err: unknown) => {
      if (!signal.aborted) status.textContent = `Pose estimation stopped: ${errorText(err)}`;
    });
  };

  const startHold = async () => {
    rep++;
    next.hidden = true;
    finishBtn.hidden = true;
    after.hidden = true;
    live.hidden = false;
    repLine.textContent = `${item.name}: hold ${rep} of ${reps}`;
    cue.textContent = 'Get into position.';
    timer.textContent = `0 s of ${targetS} s`;
    timer.dataset.holdS = (0).toFixed(2);
    bar.value = 0;
    const [d] = await guard({ kind: 'set_started', t: now(), exercise: item.exercise });
    if (result?.state === 'paused' && d) {
      cue.textContent = d.message;
      speech.say(d.message);
      live.hidden = true;
      after.dataset.paused = '1';
      after.hidden = false;
      return;
    }
    speech.say(d?.message ?? 'Get into position.');
    source ??= cueSource(item.exercise, targetS, (stage.video.videoWidth || 4) / (stage.video.videoHeight || 3));
    source.reset();
    formNote.textContent = source.update(0, null).timerNote;
    source.reset();
    for (const s of [intensity, backAfter, legAfter]) s.clear();
    afterNote.textContent = '';
    angles = [];
    lastAngleT = -Infinity;
    holdS = 0;
    recorder = new Recorder(
      makeHeader({
        width: stage.video.videoWidth || 640,
        height: stage.video.videoHeight || 480,
        view: 'unknown',
        exercise: item.exercise,
        runtime: est?.runtime ?? 'unknown',
        model: DEFAULT_MODEL,
        extra: { session_set: rep },
      }),
    );
    recStart = Number.NaN;
    holding = true;
    setOpen = true;
  };

  let ending = false;
  const endOfHold = async () => {
    if (!holding || ending) return;
    ending = true;
    holding = false;
    const words = holdEndWords(effort, holdS, targetS);
    afterLead.textContent = words;
    speech.say(words);
    live.hidden = true;
    after.hidden = false;
    after.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    after.querySelector<HTMLElement>('h2')?.focus();
    ending = false;
  };

  const uploadSet = async (): Promise<{ id?: number; measures?: Measure[] }> => {
    const rec = recorder;
    recorder = undefined;
    if (!rec || rec.detected === 0) return {};
    try {
      const stored = await api.uploadRecording(rec.text(), 'session');
      return { id: stored.id, measures: stored.report.measures };
    } catch (err) {
      status.textContent = `The landmarks of this hold could not be saved: ${errorText(err)}`;
      return {};
    }
  };

  const save = async (stoppedReason?: string) => {
    if (finished) return;
    finished = true;
    // A hold stopped before its report is saved is an aborted set: its time and landmarks, and no pain (nobody entered any).
    if (stoppedReason && setOpen) {
      setOpen = false;
      const up = await uploadSet();
      sets.push({ exercise: item.exercise, hold_s: Math.round(holdS * 10) / 10, aborted: true, ...(up.measures?.length ? { measures: up.measures } : {}), ...(up.id ? { recording_id: up.id } : {}) });
    }
    holding = false;
    await camOff();
    speech.say(stoppedReason ? '' : 'That is the session done. Well done.');
    live.hidden = true;
    after.hidden = true;
    before.hidden = true;
    next.hidden = true;
    finishBtn.hidden = true;
    const last = [...sets].reverse().find((s) => s.pain !== undefined);
    try {
      await data.postSession({
        plan_id: planDoc.id,
        exercise: item.exercise,
        started_at: started.toISOString(),
        ended_at: new Date().toISOString(),
        pain_before: painBack.value() ?? undefined,
        leg_pain_before: painLeg.value() ?? undefined,
        ...(last ? { pain_after: last.pain } : {}),
        sets,
        ...(stoppedReason ? { stopped_reason: stoppedReason } : {}),
        events,
      });
      doneBox.replaceChildren(
        h('h2', { tabindex: '-1' }, stoppedReason ? 'Session stopped and saved' : 'Session saved'),
        stoppedReason ? h('p', { class: 'lead' }, stoppedReason) : h('p', { class: 'lead' }, `You did ${sets.length} hold(s). Well done.`),
        h('p', {}, 'Tomorrow morning, tell me how your back feels: the next dose depends on it.'),
        h('p', { class: 'actions' }, h('a', { href: '/history', class: 'button primary' }, 'See your history'), h('a', { href: '/checkin', class: 'button' }, 'Morning check-in')),
      );
    } catch (err) {
      doneBox.replaceChildren(h('p', { class: 'error', role: 'alert' }, `The session could not be saved: ${errorText(err)}`));
    }
    // The outcome first, then the guard's decisions; the steps are no longer needed.
    info.hidden = true;
    guardBox.before(doneBox);
    status.textContent = 'Camera off.';
    doneBox.hidden = false;
    doneBox.querySelector<HTMLElement>('h2')?.focus();
  };

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
      status.textContent = 'Starting the camera and the pose model…';
      await camOn();
      status.textContent = 'Camera on. The picture stays on this device.';
      started = new Date();
      t0 = performance.now();
      before.hidden = true;
      // The live view and the report after each hold go first; the steps stay below them.
      exField.hidden = true;
      info.before(live);
      info.before(after);
      await startHold();
    } catch (err) {
      status.textContent = `Could not start: ${errorText(err)}`;
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
      const t = now();
      const evs: GuardEvent[] = [];
      if (events[events.length - 1]?.kind !== 'set_ended' && !after.dataset.paused) {
        evs.push(...angles, { kind: 'set_ended', t, exercise: item.exercise });
        angles = [];
      }
      evs.push({ kind: 'intensity', t, value: iv, exercise: item.exercise }, { kind: 'pain', t, value: bp, location: 'back' }, { kind: 'pain', t, value: lp, location: 'leg' });
      const fresh = await guard(...evs);
      if (!after.dataset.paused) {
        setOpen = false;
        const up = await uploadSet();
        sets.push({
          exercise: item.exercise,
          hold_s: Math.round(holdS * 10) / 10,
          intensity: iv,
          pain: bp,
          leg_pain: lp,
          ...(up.measures?.length ? { measures: up.measures } : {}),
          ...(up.id ? { recording_id: up.id } : {}),
        });
      }
      const top = fresh.reduce((a, b) => (rank(b.action) > rank(a.action) ? b : a));
      speech.say(top.message);
      if (result?.state === 'stopped' || result?.state === 'seek_care') {
        cue.textContent = top.message;
        return save(top.message);
      }
      if (result?.state === 'paused') {
        after.dataset.paused = '1';
        after.querySelector('h2')!.textContent = 'Paused. Rest, and tell me again when it has eased.';
        return;
      }
      delete after.dataset.paused;
      after.querySelector('h2')!.textContent = 'How did that feel?';
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
  const stopNow = () => void save('You stopped the session. That is always all right.');
  stopBtn.addEventListener('click', stopNow);
  stop2.addEventListener('click', stopNow);

  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'Today’s session'),
    exField,
    info,
    before,
    live,
    after,
    h('div', { class: 'actions' }, next, finishBtn),
    guardBox,
    doneBox,
    status,
  );
  return () => {
    holding = false;
    speech.stop();
    void camOff();
  };
}

function rank(a: Decision['action']): number {
  return ['continue', 'lower_intensity', 'pause', 'stop', 'seek_care'].indexOf(a);
}
