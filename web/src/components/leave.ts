// Work a page would lose if the person left it (a recording under way, a
// session not yet saved) holds the page: the browser asks before a reload
// or closing the tab, and the app's router asks before another page.
import { t } from '../i18n';

const holds = new Map<number, { message: string; onStay?: () => void }>();
let next = 0;
let listening = false;

function onBeforeUnload(e: BeforeUnloadEvent): void {
  if (holds.size === 0) return;
  // Browsers show their own words; both calls are needed for all of them to ask.
  e.preventDefault();
  e.returnValue = '';
}

/**
 * holdPage keeps the person from leaving by mistake while message says
 * what would be lost; the returned function lets go (safe to call twice).
 * onStay runs when the person, asked by the router, chooses to stay (the
 * page brings its live view back into sight).
 */
export function holdPage(message: string, onStay?: () => void): () => void {
  if (!listening) {
    window.addEventListener('beforeunload', onBeforeUnload);
    listening = true;
  }
  const id = ++next;
  holds.set(id, { message, ...(onStay ? { onStay } : {}) });
  return () => void holds.delete(id);
}

/** leaveMessage is what leaving now would lose, or undefined when nothing would. */
export function leaveMessage(): string | undefined {
  let last: string | undefined;
  for (const h of holds.values()) last = h.message;
  return last;
}

/** mayLeave asks the person, when something would be lost, whether to leave anyway. */
export function mayLeave(): boolean {
  const m = leaveMessage();
  if (m === undefined || window.confirm(t('live.leaveAsk', { message: m }))) return true;
  for (const h of [...holds.values()]) h.onStay?.();
  return false;
}
