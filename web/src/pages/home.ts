// The start page. A visitor reads what the app is and finds the way in; a
// signed-in patient sees "Today": the steps (questions, movement tests,
// plan, morning check-in, today's exercises), which are done, the next one
// as the big button, and today's exercises with their demonstrations.
import { h } from '../dom';
import type { Cleanup, RouteContext } from '../router';
import { mayBeSignedIn, type User } from '../api';
import { data, latest, type PlanItem } from '../components/data';
import { notePatient } from '../components/safety';
import { localDay, stopToday, stopTodayNotice } from '../components/stop-today';
import { noteRole } from '../layout';
import { demonstration, type Demonstration } from '../demo/player';
import { t, type MessageKey } from '../i18n';
import { doseText } from './plan';

const SCREENING_TESTS = 3;

export async function renderHome(ctx: RouteContext): Promise<Cleanup | void> {
  const me = mayBeSignedIn() ? await data.me().catch(() => null) : null;
  notePatient(me?.role === 'patient');
  noteRole(me?.role ?? null);
  if (!me) return renderVisitor(ctx);
  if (me.role !== 'patient') return renderClinicianHome(ctx);
  return renderToday(ctx, me);
}

function renderVisitor(ctx: RouteContext): void {
  const card = (href: string, title: MessageKey, text: MessageKey) => h('li', {}, h('a', { href, class: 'card' }, h('strong', {}, t(title)), h('span', {}, t(text))));
  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('home.visitor.title')),
    h('p', { class: 'lead' }, t('home.visitor.lead')),
    h('p', { class: 'actions' }, h('a', { href: '/signup', class: 'button primary' }, t('home.visitor.start')), h('a', { href: '/login', class: 'button' }, t('home.visitor.signIn'))),
    h('p', {}, t('home.visitor.try')),
    h(
      'ul',
      { class: 'cards' },
      card('/camera', 'home.card.camera', 'home.card.camera.text'),
      card('/demos', 'home.card.demos', 'home.card.demos.text'),
      card('/video', 'home.card.video', 'home.card.video.text'),
    ),
    h('p', { class: 'disclaimer' }, t('home.disclaimer')),
  );
}

function renderClinicianHome(ctx: RouteContext): void {
  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('route.home.title')),
    h('p', { class: 'lead' }, t('home.clinician.lead')),
    h('p', {}, h('a', { href: '/clinician', class: 'button primary' }, t('home.clinician.go'))),
  );
}

type State = 'done' | 'todo' | 'later';

interface Step {
  key: 'intake' | 'screening' | 'plan' | 'checkin' | 'exercises';
  state: State;
  text: string;
  href: string;
  go: MessageKey;
}

async function renderToday(ctx: RouteContext, _me: User): Promise<Cleanup> {
  const [intakes, plans, screenings, sessions, checkins] = await Promise.all([
    data.intakes(),
    data.plans(),
    data.recordings(undefined, 'screening'),
    data.sessions(),
    data.checkins(),
  ]);
  const today = localDay(new Date());
  const intake = latest(intakes);
  const plan = latest(plans);
  const tests = new Set(screenings.map((r) => r.exercise)).size;
  const sessionToday = sessions.some((s) => localDay(new Date(s.body.started_at)) === today);
  const sessionBefore = sessions.some((s) => localDay(new Date(s.body.started_at)) < today);
  const checkedIn = checkins.some((c) => (c.body.date ?? localDay(new Date(c.created_at))) === today);
  const canExercise = plan?.body.plan.action === 'exercise' && plan.body.plan.do.length > 0;
  // A stop for today holds for the day: no "well done", no new session.
  const stopped = stopToday(sessions);

  const steps: Step[] = [
    { key: 'intake', state: intake ? 'done' : 'todo', text: intake ? t('today.intake.done', { when: new Date(intake.created_at) }) : t('today.intake.todo'), href: '/intake', go: 'today.intake.go' },
    {
      key: 'screening',
      state: tests > 0 ? 'done' : intake ? 'todo' : 'later',
      text: t('today.screening.count', { count: Math.min(tests, SCREENING_TESTS), total: SCREENING_TESTS }),
      href: '/screening',
      go: 'today.screening.go',
    },
    { key: 'plan', state: plan ? 'done' : intake ? 'todo' : 'later', text: plan ? t('today.plan.done', { when: new Date(plan.created_at) }) : t('today.plan.todo'), href: '/plan', go: 'today.plan.go' },
    {
      key: 'checkin',
      state: checkedIn ? 'done' : sessionBefore ? 'todo' : 'later',
      text: checkedIn ? t('today.checkin.done') : sessionBefore ? t('today.checkin.todo') : t('today.checkin.later'),
      href: '/checkin',
      go: 'today.checkin.go',
    },
    {
      key: 'exercises',
      state: sessionToday ? 'done' : canExercise ? 'todo' : 'later',
      text: stopped ? t('today.exercises.stopped') : sessionToday ? t('today.exercises.done') : canExercise ? t('today.exercises.todo') : t('today.exercises.later'),
      href: '/session',
      go: 'today.exercises.go',
    },
  ];
  // The movement tests are worth doing but the plan does not wait for them.
  const next = steps.find((s) => s.state === 'todo' && !(s.key === 'screening' && plan));
  const done = steps.filter((s) => s.state === 'done').length;
  const progress = h('progress', { max: steps.length, value: done, 'aria-labelledby': 'today-progress' });

  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('today.title')),
    h(
      'section',
      { class: 'today-next', 'aria-label': t('today.steps') },
      stopped ? stopTodayNotice(stopped) : '',
      next
        ? h('p', { class: 'actions' }, h('a', { href: next.href, class: 'button primary big', 'data-testid': 'today-next' }, t(next.go)))
        : stopped
          ? ''
          : h('p', { class: 'lead', 'data-testid': 'today-next' }, t('today.allDone')),
      h('p', { id: 'today-progress', class: 'hint' }, t('today.progress', { count: done, total: steps.length })),
      progress,
      h(
        'ol',
        { class: 'steps' },
        ...steps.map((s) =>
          h(
            'li',
            { class: `step step-${s.state}`, 'data-step': s.key, 'data-state': s.state, ...(s === next ? { 'aria-current': 'step' } : {}) },
            h('span', { class: 'step-mark', 'aria-hidden': 'true' }, s.state === 'done' ? '✓' : s === next ? '→' : '·'),
            h('span', { class: 'step-body' }, h('strong', {}, s === next || s.state !== 'todo' ? h('span', {}, t(`today.${s.key}`)) : h('a', { href: s.href }, t(`today.${s.key}`))), h('span', { class: 'visually-hidden' }, ` (${t(`today.${s.state}`)})`), h('br'), s.text),
          ),
        ),
      ),
      h('p', { class: 'hint' }, t('today.week', { count: sessions.filter((s) => Date.now() - new Date(s.body.started_at).getTime() < 7 * 86_400_000).length }), ' ', h('a', { href: '/history' }, t('today.history'))),
    ),
  );

  const demos: Demonstration[] = [];
  if (plan && !canExercise) ctx.root.append(h('p', { class: 'lead', role: 'alert' }, h('a', { href: '/plan' }, t('today.stopPlan'))));
  if (canExercise) {
    const items = plan.body.plan.do;
    ctx.root.append(
      h('h2', {}, t('today.exercises')),
      h('ul', { class: 'today-exercises' }, ...items.map((it) => exerciseCard(it, demos))),
      ...(sessionToday || stopped ? [] : [h('p', { class: 'actions' }, h('a', { href: '/session', class: 'button primary' }, t('today.exercises.go')))]),
    );
  }
  return () => demos.forEach((d) => d.stop());
}

function exerciseCard(it: PlanItem, demos: Demonstration[]): HTMLElement {
  const demo = demonstration(it.exercise, '', t('plan.demo'));
  demos.push(demo);
  return h('li', { class: 'today-exercise', 'data-exercise': it.exercise }, h('h3', {}, it.name), h('p', { class: 'dose' }, doseText(it)), demo.el);
}

export function renderNotFound(ctx: RouteContext): void {
  ctx.root.append(h('h1', { tabindex: '-1' }, t('app.notFound.title')), h('p', {}, h('a', { href: '/' }, t('app.notFound.home'))));
}
