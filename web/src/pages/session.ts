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
// This page only wires the parts: the exercise and its dose
// (session-exercise), the pain before and the report after each hold
// (session-forms), the holds on screen (session-live), the guard's panel,
// the outcome (session-done), and the session's course (session-flow).
import { api, API_BASE } from '../api';
import { t } from '../i18n';
import { h } from '../dom';
import type { Cleanup, RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { safetyStops } from '../components/safety';
import { stopToday, stopTodayNotice } from '../components/stop-today';
import { exercise as libraryExercise, runGuard } from '../components/core';
import { data, latest } from '../components/data';
import { todaysDose } from '../components/dose';
import { GuardPanel } from '../components/guard-panel';
import { holdPage } from '../components/leave';
import { HoldReport, PainBefore } from '../components/session-forms';
import { SessionDone } from '../components/session-done';
import { ExercisePicker } from '../components/session-exercise';
import { GuidedSession, type SessionServices } from '../components/session-flow';
import { SessionLive } from '../components/session-live';
import { sendAsPageCloses } from '../components/session-log';
import { Speech } from '../components/speech';
import { firstDo, statusLine } from './common';

/** The session's calls outside the page: the engine's guard, the server, the browser. */
const services: SessionServices = {
  guard: runGuard,
  upload: async (text) => {
    const stored = await api.uploadRecording(text, 'session');
    return { id: stored.id, measures: stored.report.measures };
  },
  post: (body) => data.postSession(body),
  postAsPageCloses: (body) => sendAsPageCloses(`${API_BASE}/sessions`, body),
  holdPage,
};

export async function renderSession(ctx: RouteContext): Promise<Cleanup | void> {
  const title = t('route.session.title');
  const me = await requireUser(ctx, title, 'patient');
  if (!me) return;
  if (await safetyStops(ctx, title, t('session.whatStops'))) return;
  const [plans, sessions] = await Promise.all([data.plans(), data.sessions()]);
  // A stop for today holds for the rest of the day: no new session is offered.
  const stopped = stopToday(sessions);
  if (stopped) {
    ctx.root.append(h('h1', { tabindex: '-1' }, title), stopTodayNotice(stopped), h('p', {}, h('a', { href: '/', class: 'button' }, t('session.backHome'))));
    return;
  }
  const planDoc = latest(plans);
  if (!planDoc || planDoc.body.plan.action !== 'exercise' || planDoc.body.plan.do.length === 0) {
    firstDo(ctx, title, planDoc ? t('session.noExercises') : t('session.noPlan'), {}, '/plan', t('session.seePlan'));
    return;
  }
  const speech = new Speech();
  const say = (text: string) => speech.say(text);
  const status = statusLine();
  const report = new HoldReport();
  const picker = new ExercisePicker(planDoc.body.plan.do, ctx.params.get('exercise'), { exercise: libraryExercise, todaysDose }, (dose, item) => report.askAbout(dose.effort, item.dose.max_intensity));
  const parts = { picker, before: new PainBefore(), live: new SessionLive({ status, say, toggle: speech.toggle }), report, panel: new GuardPanel(), done: new SessionDone(), status, say };
  const session = new GuidedSession(planDoc.id, parts, services);
  await picker.load();
  window.addEventListener('pagehide', session.pageHide);

  ctx.root.append(h('h1', { tabindex: '-1' }, title), picker.field, picker.info, parts.before.el, parts.live.view.el, report.el, session.actions, parts.panel.el, parts.done.el, status);
  return () => {
    window.removeEventListener('pagehide', session.pageHide);
    // Another page of the app, after the person agreed to leave: save what was done.
    session.leave();
    speech.stop();
  };
}
