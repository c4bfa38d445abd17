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
import { t } from '../i18n';
import { field, h, select } from '../dom';
import { DEFAULT_MODEL } from '../pose/mediapipe';
import { makeHeader } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { safetyStops } from '../components/safety';
import { exercise as libraryExercise, runGuard, type Decision, type GuardEvent, type GuardResult } from '../components/core';
import type { LiveFrame } from '../pose/camera';
import { cueSource, holdEndWords, type CueSource } from '../components/cues';
import { data, latest, type PlanItem } from '../components/data';
import { todaysDose } from '../components/dose';
import { GuardPanel } from '../components/guard-panel';
import { Hold } from '../components/hold';
import { HoldReport, PainBefore } from '../components/session-forms';
import { doseInfo, sessionDose, type SessionDose } from '../components/session-dose';
import { Speech } from '../components/speech';
import { holdPage } from '../components/leave';
import { LiveView } from '../components/live';
import { LiveCamera } from '../components/live-camera';
import { leftPage, SessionLog, sendAsPageCloses, type Upload } from '../components/session-log';
import { errorText, firstDo, statusLine } from './common';
import { doseText } from './plan';

export async function renderSession(ctx: RouteContext): Promise<Cleanup | void> {
  const title = t('route.session.title');
  const me = await requireUser(ctx, title, 'patient');
  if (!me) return;
  if (await safetyStops(ctx, title, t('session.whatStops'))) return;
  const planDoc = latest(await data.plans());
  if (!planDoc || planDoc.body.plan.action !== 'exercise' || planDoc.body.plan.do.length === 0) {
    firstDo(ctx, title, planDoc ? t('session.noExercises') : t('session.noPlan'), {}, '/plan', t('session.seePlan'));
    return;
  }
  const items = planDoc.body.plan.do;
  const speech = new Speech();
  const status = statusLine();
  const exSel = select('exercise', items.map((it) => [it.exercise, it.name] as const), ctx.params.get('exercise') ?? items[0]!.exercise);
  const info = h('div', { class: 'exercise-info' });
  const exField = h('div', { class: 'fields' }, field(t('session.exercise'), exSel));
  const before = new PainBefore();

  // The hold: the live view fills the screen; its buttons are large.
  const live = new LiveView({ label: t('session.liveLabel'), cueTestId: 'cue', timerLabel: t('session.timerLabel'), timerTestId: 'hold-timer' });
  live.cue.classList.add('session-cue');
  live.el.hidden = true;
  const camera = new LiveCamera(live);
  const endHold = h('button', { type: 'button', class: 'primary' }, t('session.endHold'));
  const stopBtn = h('button', { type: 'button', class: 'stop' }, t('session.stop'));
  live.add(endHold, stopBtn, speech.toggle);

  const report = new HoldReport();
  const guardPanel = new GuardPanel();
  const next = h('button', { type: 'button', class: 'primary', hidden: true }, t('session.nextHold'));
  const finishBtn = h('button', { type: 'button', hidden: true }, t('session.finish'));
  const doneBox = h('section', { hidden: true, class: 'done' });

  let item: PlanItem = items[0]!;
  let dose: SessionDose = sessionDose(item, undefined, undefined);
  let rep = 0;
  let t0 = 0;
  const log = new SessionLog(planDoc.id);
  let result: GuardResult | undefined;
  let source: CueSource | undefined;
  let hold: Hold | undefined;
  let holding = false;
  let finished = false;
  /** Lets go of the page once the session is saved (components/leave). */
  let release: (() => void) | undefined;

  const now = () => (performance.now() - t0) / 1000;
  const say = (text: string) => speech.say(text);

  const showInfo = async () => {
    item = items.find((it) => it.exercise === exSel.value) ?? items[0]!;
    dose = sessionDose(item, undefined, undefined);
    info.replaceChildren(h('p', { class: 'dose' }, t('session.yourPlan', { dose: doseText(item) })));
    try {
      const ex = await libraryExercise(item.exercise);
      // The server's dose: the plan's level moved by the morning check-ins (guard.NextMorning on the stored data).
      dose = sessionDose(item, ex, await todaysDose(item.exercise));
      report.askAbout(dose.effort, item.dose.max_intensity);
      info.append(...doseInfo(ex, dose));
    } catch (err) {
      info.append(h('p', { class: 'error' }, errorText(err)));
    }
  };
  exSel.addEventListener('change', () => void showInfo());
  await showInfo();

  /** guard tells the guard the events and shows its answer; it returns the most serious fresh decision. */
  const guard = async (...evs: GuardEvent[]): Promise<Decision> => {
    log.events.push(...evs);
    result = await runGuard({ back_pain: before.back.value() ?? 0, leg_pain: before.leg.value() ?? 0, ...(dose.limit ? { limit: dose.limit } : {}), effort: dose.effort, max_intensity: item.dose.max_intensity, events: log.events });
    return guardPanel.show(result, result.decisions.slice(-evs.length));
  };

  const camOff = async () => {
    await camera.stop();
    source?.free();
    source = undefined;
  };

  const onFrame = (f: LiveFrame) => {
    if (!holding || !hold) return;
    const out = hold.frame(f, now());
    log.held(out.holdS);
    live.show(out.showing, out.state);
    live.time(out.holdS, out.targetS);
    if (out.cue) say(out.cue);
    if (out.targetS > 0 && out.holdS >= out.targetS) void endOfHold();
  };

  const startCamera = async () => {
    status.textContent = t('live.starting');
    await camera.start(onFrame, (err) => (status.textContent = t('live.poseStopped', { error: errorText(err) })));
    status.textContent = t('live.cameraOn');
  };

  const startHold = async () => {
    rep++;
    next.hidden = true;
    finishBtn.hidden = true;
    report.el.hidden = true;
    live.line.textContent = t('session.holdLine', { name: item.name, rep, reps: dose.reps });
    live.show(t('session.getIntoPosition'));
    live.time(0, dose.targetS);
    live.on();
    const d = await guard({ kind: 'set_started', t: now(), exercise: item.exercise });
    if (result?.state === 'paused') {
      live.show(d.message);
      say(d.message);
      live.off();
      live.el.hidden = true;
      report.paused = true;
      report.el.hidden = false;
      return;
    }
    say(d.message);
    if (!camera.running) {
      try {
        await startCamera();
      } catch (err) {
        status.textContent = t('live.couldNotStart', { error: errorText(err) });
        return;
      }
    }
    const { width, height } = camera.size;
    source ??= cueSource(item.exercise, dose.targetS, width / height);
    source.reset();
    live.note.textContent = source.update(0, null).timerNote;
    report.clear();
    hold = new Hold(source, item.exercise, makeHeader({ width, height, view: 'unknown', exercise: item.exercise, runtime: camera.runtime, model: DEFAULT_MODEL, extra: { session_set: rep } }));
    holding = true;
    log.openSet(item.exercise);
  };

  let ending = false;
  const endOfHold = async () => {
    if (!holding || ending) return;
    ending = true;
    holding = false;
    // The hold counts its longest good-form repetition (the coach's timer starts again at each reach).
    const words = holdEndWords(dose.effort, log.heldS, dose.targetS);
    say(words);
    // Between holds the camera is off; the next hold opens it again.
    void camera.pause();
    status.textContent = t('session.cameraPaused');
    live.off();
    live.el.hidden = true;
    report.open(words, log.heldS);
    ending = false;
  };

  const uploadSet = async (): Promise<Upload> => {
    const rec = hold?.takeRecording();
    if (!rec || rec.detected === 0) return {};
    try {
      const stored = await api.uploadRecording(rec.text(), 'session');
      return { id: stored.id, measures: stored.report.measures };
    } catch (err) {
      status.textContent = t('session.uploadFailed', { error: errorText(err) });
      return {};
    }
  };

  const sessionBody = (stopped?: string) => log.body({ exercise: item.exercise, painBefore: before.back.value(), legPainBefore: before.leg.value(), ended: new Date(), ...(stopped ? { stopped } : {}) });

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
    report.el.hidden = true;
    before.el.hidden = true;
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
    guardPanel.el.before(doneBox);
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

  before.begin.addEventListener('click', async () => {
    if (!before.answers()) return;
    before.begin.disabled = true;
    exSel.disabled = true;
    try {
      await startCamera();
      log.started = new Date();
      t0 = performance.now();
      release = holdPage(t('session.leaveHold'), () => {
        if (live.isOn) live.on();
      });
      before.el.hidden = true;
      // The live view and the report after each hold go first; the steps stay below them.
      exField.hidden = true;
      info.before(live.el);
      info.before(report.el);
      await startHold();
    } catch (err) {
      status.textContent = t('live.couldNotStart', { error: errorText(err) });
      before.begin.disabled = false;
      exSel.disabled = false;
      await camOff();
    }
  });
  endHold.addEventListener('click', () => void endOfHold());

  report.save.addEventListener('click', async () => {
    const a = report.answers();
    if (!a) return;
    report.save.disabled = true;
    try {
      const at = now();
      const evs: GuardEvent[] = [];
      if (log.events[log.events.length - 1]?.kind !== 'set_ended' && !report.paused) {
        evs.push(...(hold?.takeAngles() ?? []), { kind: 'set_ended', t: at, exercise: item.exercise });
      }
      evs.push({ kind: 'intensity', t: at, value: a.intensity, exercise: item.exercise }, { kind: 'pain', t: at, value: a.pain, location: 'back' }, { kind: 'pain', t: at, value: a.leg_pain, location: 'leg' });
      const top = await guard(...evs);
      if (!report.paused) log.report(a, await uploadSet());
      say(top.message);
      if (result?.state === 'stopped' || result?.state === 'seek_care') {
        live.show(top.message);
        return save(top.message);
      }
      const paused = result?.state === 'paused';
      report.paused = paused;
      report.retitle(paused);
      if (paused) return;
      report.el.hidden = true;
      // Finishing early is always offered; the next hold only while reps remain.
      next.hidden = rep >= dose.reps;
      finishBtn.hidden = false;
    } catch (err) {
      status.textContent = errorText(err);
    } finally {
      report.save.disabled = false;
    }
  });
  next.addEventListener('click', () => void startHold());
  finishBtn.addEventListener('click', () => void save());
  const stopNow = () => void save(t('session.youStopped'));
  stopBtn.addEventListener('click', stopNow);
  report.stop.addEventListener('click', stopNow);

  ctx.root.append(
    h('h1', { tabindex: '-1' }, title),
    exField,
    info,
    before.el,
    live.el,
    report.el,
    h('div', { class: 'actions' }, next, finishBtn),
    guardPanel.el,
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
