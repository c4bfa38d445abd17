// The next-morning check-in: back and leg pain and stiffness this morning,
// each chosen by the person (nothing preselected). The server runs the
// guard's next-morning rule (package guard) on the stored sessions and
// check-ins: it raises, keeps or lowers the dose one level, and says why.
import { field, h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { data } from '../components/data';
import { missingText, painWords, slider, unchosen } from '../components/slider';
import { errorText, statusLine } from './common';

export async function renderCheckIn(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, 'Morning check-in', 'patient');
  if (!me) return;
  const pain = slider('Back pain this morning', painWords, 'pain');
  const leg = slider('Leg pain this morning', painWords, 'leg_pain');
  const stiff = slider('Stiffness this morning (optional)', (v) => (v === 0 ? 'none' : v <= 3 ? 'a little' : v <= 6 ? 'some' : 'a lot'), 'stiffness');
  const notes = h('textarea', { name: 'notes', rows: 3, maxlength: 4000 });
  const send = h('button', { type: 'submit', class: 'primary' }, 'Save check-in');
  const status = statusLine();
  const out = h('section', { class: 'report', hidden: true, 'aria-live': 'polite' });
  const form = h('form', {}, pain.el, leg.el, stiff.el, field('Anything else? (optional)', notes), h('div', { class: 'actions' }, send), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const missing = unchosen(pain, leg);
    const p = pain.value();
    const l = leg.value();
    const st = stiff.value();
    if (missing.length > 0 || p === null || l === null) {
      status.textContent = missingText(missing);
      status.classList.add('error');
      return;
    }
    status.classList.remove('error');
    send.disabled = true;
    try {
      const doc = await data.postCheckIn({
        date: new Date().toISOString().slice(0, 10),
        pain: p,
        leg_pain: l,
        ...(st !== null ? { stiffness: st } : {}),
        ...(notes.value.trim() ? { notes: notes.value.trim() } : {}),
      });
      status.textContent = 'Saved. Thank you.';
      const r = doc.body.result;
      if (!r) {
        out.replaceChildren(h('p', { 'data-testid': 'checkin-result', 'data-change': 'none' }, 'There is no finished session with your pain before and during it to compare this morning with: your dose stays as it is.'));
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
