// The next-morning check-in: back and leg pain and stiffness this morning.
// The guard's next-morning rule (package guard, in the engine) raises,
// keeps or lowers the dose one level, and says why.
import { field, h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { morningDecision } from '../components/dose';
import { data, latest } from '../components/data';
import { painWords, slider } from '../components/slider';
import { errorText, statusLine } from './common';

export async function renderCheckIn(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, 'Morning check-in', 'patient');
  if (!me) return;
  const pain = slider('Back pain this morning', 0, painWords, 'pain');
  const leg = slider('Leg pain this morning', 0, painWords, 'leg_pain');
  const stiff = slider('Stiffness this morning', 0, (v) => (v === 0 ? 'none' : v <= 3 ? 'a little' : v <= 6 ? 'some' : 'a lot'), 'stiffness');
  const notes = h('textarea', { name: 'notes', rows: 3, maxlength: 4000 });
  const send = h('button', { type: 'submit', class: 'primary' }, 'Save check-in');
  const status = statusLine();
  const out = h('section', { class: 'report', hidden: true, 'aria-live': 'polite' });
  const form = h('form', {}, pain.el, leg.el, stiff.el, field('Anything else? (optional)', notes), h('div', { class: 'actions' }, send), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    send.disabled = true;
    try {
      await data.postCheckIn({
        date: new Date().toISOString().slice(0, 10),
        pain: pain.value(),
        leg_pain: leg.value(),
        stiffness: stiff.value(),
        ...(notes.value.trim() ? { notes: notes.value.trim() } : {}),
      });
      status.textContent = 'Saved. Thank you.';
      const plan = latest(await data.plans());
      // The exercise of the last session, else the plan's first.
      const lastEx = latest(await data.sessions())?.body.sets[0]?.exercise;
      const item = plan?.body.plan.do.find((it) => it.exercise === lastEx) ?? plan?.body.plan.do[0];
      const r = item ? await morningDecision(item) : undefined;
      if (!r) {
        out.replaceChildren(h('p', {}, 'No session yet to adjust: your plan’s dose stays as it is.'));
      } else {
        const words = { raise: 'One level up', keep: 'Same level', lower: 'One level gentler' }[r.change];
        out.replaceChildren(
          h('h2', {}, `Next session: ${words}`),
          h('p', { class: 'lead', 'data-testid': 'checkin-result', 'data-change': r.change }, r.message),
          h('details', {}, h('summary', {}, 'Why, and how it is undone'), h('p', {}, `Source: ${r.source}`), h('p', {}, `Undo: ${r.undo}`)),
        );
      }
      out.hidden = false;
      form.hidden = true;
    } catch (err) {
      status.textContent = errorText(err);
      send.disabled = false;
    }
  });
  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'Morning check-in'),
    h('p', {}, 'How is your back the morning after a session? Pain that has settled by now is fine; pain that is worse means the next session should be gentler.'),
    form,
    out,
  );
}
