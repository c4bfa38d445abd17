// The next-morning check-in: back and leg pain and stiffness this morning,
// each chosen by the person (nothing preselected). The server runs the
// guard's next-morning rule (package guard) on the stored sessions and
// check-ins: it raises, keeps or lowers the dose one level, and says why.
import { field, h } from '../dom';
import type { RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { data } from '../components/data';
import { chosenValues, painWords, slider } from '../components/slider';
import { errorText, statusLine } from './common';
import { t } from '../i18n';
import { limitChars, MAX_NOTE_CHARS } from '../components/text-limit';

export async function renderCheckIn(ctx: RouteContext): Promise<void> {
  const me = await requireUser(ctx, t('route.checkin.title'), 'patient');
  if (!me) return;
  const pain = slider(t('checkin.backPainThisMorning'), painWords, 'pain');
  const leg = slider(t('checkin.legPainThisMorning'), painWords, 'leg_pain');
  const stiff = slider(t('checkin.stiffnessThisMorningOptional'), (v) => t(v === 0 ? 'checkin.stiff.none' : v <= 3 ? 'checkin.stiff.little' : v <= 6 ? 'checkin.stiff.some' : 'checkin.stiff.lot'), 'stiffness');
  const notes = h('textarea', { name: 'notes', rows: 3 });
  const notesField = field(t('checkin.anythingElseOptional'), notes);
  notesField.append(limitChars(notes, MAX_NOTE_CHARS));
  const send = h('button', { type: 'submit', class: 'primary' }, t('checkin.saveCheckIn'));
  const status = statusLine();
  const out = h('section', { class: 'report', hidden: true, 'aria-live': 'polite' });
  const form = h('form', {}, pain.el, leg.el, stiff.el, notesField, h('div', { class: 'actions' }, send), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = chosenValues(status, pain, leg);
    const st = stiff.value();
    if (!chosen) {
      status.classList.add('error');
      return;
    }
    const [p, l] = chosen as [number, number];
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
      // The form goes away: say first, in its place, that the answers are kept.
      const saved = h('p', { class: 'lead', role: 'status', 'data-testid': 'checkin-saved' }, t('checkin.savedThankYou'));
      const r = doc.body.result;
      if (!r) {
        out.replaceChildren(saved, h('p', { 'data-testid': 'checkin-result', 'data-change': 'none' }, t('checkin.thereIsNoFinished')));
      } else {
        const words = { raise: t('checkin.oneLevelUp'), keep: t('checkin.sameLevel'), lower: t('checkin.oneLevelGentler') }[r.change];
        out.replaceChildren(
          saved,
          h('h2', {}, t('checkin.next', { words })),
          h('p', { class: 'lead', 'data-testid': 'checkin-result', 'data-change': r.change }, r.message),
          h('details', {}, h('summary', {}, t('checkin.whyAndHowIt')), h('p', {}, t('checkin.source', { source: r.source })), h('p', {}, t('checkin.undo', { undo: r.undo }))),
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
    h('h1', { tabindex: '-1' }, t('route.checkin.title')),
    h('p', {}, t('checkin.howIsYourBack')),
    form,
    out,
  );
}
