// The safety banner: while the server says an emergency or refer state
// stands (GET /safety), every page shows it in plain words with what to do.
// A refer can be cleared here by the person's own statement that a
// clinician has cleared them (recorded by the server); an emergency only by
// answering the safety questions again. The words come from the server.
import { ApiError, noteSignedIn } from '../api';
import { field, h } from '../dom';
import { formatDate } from '../format';
import type { RouteContext } from '../router';
import { data, type Safety } from './data';
import { t } from '../i18n';
import { limitChars, MAX_CLINICIAN_CHARS } from './text-limit';

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** signsList lists what the person told us, in their words. */
function signsList(s: Safety): HTMLElement {
  return h('ul', { class: 'signs' }, ...s.signs.map((g) => h('li', {}, `${capitalize(g.said)}.`)));
}

/** bannerBody builds the banner for a standing state; onCleared runs after a clearance is recorded. */
function bannerBody(s: Safety, onCleared: () => void): HTMLElement {
  const since = s.since ? t('components.yourAnswersOf', { when: formatDate(s.since) }) : '';
  const sec = h(
    'section',
    { class: `safety-banner safety-${s.state}`, role: 'alert', 'aria-labelledby': 'safety-title', 'data-testid': 'safety-banner', 'data-state': s.state },
    h('h2', { id: 'safety-title' }, s.title ?? ''),
    // While the questions are answered again, the banner is about the earlier answers until the new ones are saved.
    location.pathname === '/intake' && new URLSearchParams(location.search).get('again') === '1' ? h('p', { class: 'lead', 'data-testid': 'safety-earlier' }, t('components.earlierAnswers')) : '',
    h('p', {}, t('components.youToldUs', { since })),
    signsList(s),
    h('p', {}, s.advice ?? ''),
  );
  const again = h('a', { href: '/intake?again=1', class: 'button' }, t('components.answerTheSafetyQuestions'));
  if (s.state !== 'refer' || !s.statement) {
    sec.append(h('p', { class: 'actions' }, again));
    return sec;
  }
  const who = h('input', { type: 'text', name: 'clinician', autocomplete: 'off' });
  const whoField = field(t('components.whoClearedYouOptional'), who);
  whoField.append(limitChars(who, MAX_CLINICIAN_CHARS));
  const send = h('button', { type: 'submit', class: 'primary' }, t('components.clearedButton'));
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'clearance', 'aria-label': t('components.clearedForm') },
    h('p', {}, t('components.ifADoctor', { statement: s.statement })),
    whoField,
    h('div', { class: 'actions' }, send, again),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    send.disabled = true;
    try {
      await data.clear(s.statement ?? '', who.value.trim());
      onCleared();
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
      status.classList.add('error');
      send.disabled = false;
    }
  });
  sec.append(form);
  return sec;
}

/** currentSafety answers the signed-in patient's state, or null for nobody signed in or a clinician. */
export async function currentSafety(): Promise<Safety | null> {
  try {
    return await data.safety();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      // Nobody is signed in any more (signed out elsewhere, or the session ended): ask no more.
      notePatient(false);
      noteSignedIn(false);
      return null;
    }
    if (err instanceof ApiError && err.status === 400) return null;
    throw err;
  }
}

// The banner's place in the layout, and a counter so that a slow answer
// never overwrites a newer one.
let slot: HTMLElement | undefined;
let generation = 0;
// Whether a patient was signed in when last seen (requireUser tells), so
// that pages of signed-out visitors and clinicians ask the server nothing.
const PATIENT_KEY = 'stretchwise.patient';

/** mountSafetyBanner sets the element the banner renders into. */
export function mountSafetyBanner(el: HTMLElement): void {
  slot = el;
}

/** notePatient records whether a patient is signed in, and refreshes the banner when one is. */
export function notePatient(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(PATIENT_KEY, '1');
    else localStorage.removeItem(PATIENT_KEY);
  } catch {
    // storage may be disabled; the banner then shows from requireUser only
  }
  if (signedIn) void refreshSafetyBanner();
  else slot?.replaceChildren();
}

/** onRouteChange refreshes the banner when a patient was signed in, and empties it otherwise. */
export function onRouteChange(): void {
  let patient: boolean;
  try {
    patient = localStorage.getItem(PATIENT_KEY) === '1';
  } catch {
    patient = false;
  }
  if (patient) void refreshSafetyBanner();
  else slot?.replaceChildren();
}

/** refreshSafetyBanner fills the banner with the current state, or empties it. */
export async function refreshSafetyBanner(): Promise<void> {
  const el = slot;
  if (!el) return;
  const gen = ++generation;
  let s: Safety | null;
  try {
    s = await currentSafety();
  } catch {
    s = null; // the page itself reports a server that does not answer
  }
  if (gen !== generation) return;
  if (!s || (s.state !== 'emergency' && s.state !== 'refer')) {
    el.replaceChildren();
    return;
  }
  // Re-render the page after a clearance: the router listens to popstate.
  el.replaceChildren(bannerBody(s, () => window.dispatchEvent(new PopStateEvent('popstate'))));
}

/**
 * safetyStops renders why what (e.g. "Camera tests") is not offered while
 * an emergency or refer stands and returns true; false when it does not.
 * The server refuses the same; the banner above says what to do.
 */
export async function safetyStops(ctx: RouteContext, title: string, what: string): Promise<boolean> {
  const s = await currentSafety();
  if (!s || (s.state !== 'emergency' && s.state !== 'refer')) return false;
  const ends =
    s.state === 'emergency'
      ? t('components.theyComeBackOnce')
      : t('components.theyComeBackWhen');
  ctx.root.append(
    h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'refusal', 'data-testid': 'safety-refusal' }, t('components.stoppedForSafety', { what, title: s.title ?? '' })),
    h('p', {}, t('components.theWarningAtTop', { ends })),
  );
  return true;
}
