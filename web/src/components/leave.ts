// Work a page would lose if the person left it (a recording under way, a
// session not yet saved) holds the page: the browser asks before a reload
// or closing the tab, and the app's router asks before another page.
import { t } from '../i18n';

const holds = new Map<number, string>();
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
 */
export function holdPage(message: string): () => void {
  if (!listening) {
    window.addEventListener('beforeunload', onBeforeUnload);
    listening = true;
  }
  const id = ++next;
  holds.set(id, message);
  return () => void holds.delete(id);
}

/** leaveMessage is what leaving now would lose, or undefined when nothing would. */
export function leaveMessage(): string | undefined {
  let last: string | undefined;
  for (const m of holds.values()) last = m;
  return last;
}

/** mayLeave asks the person, when something would be lost, whether to leave anyway. */
export function mayLeave(): boolean {
  const m = leaveMessage();
  return m === undefined || window.confirm(t('live.leaveAsk', { message: m }));
}
