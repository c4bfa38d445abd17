// The countdown before a screening's recording: the person's choice of how
// long (kept on this device), and the count itself, shown once in the live
// view's timer and spoken at its start and for its last three seconds.
import { select } from '../dom';
import { t } from '../i18n';
import type { LiveView } from './live';

/**
 * The countdown's choices, seconds: long enough to walk back from the screen
 * and get down on the floor. Our choice of default, because people filmed at
 * home needed 6-9 s from the button to the starting position.
 */
export const COUNTDOWN_CHOICES = ['5', '10', '15', '20', '30'];
export const COUNTDOWN_DEFAULT = '10';
const COUNTDOWN_KEY = 'stretchwise.countdown';

/** countdownChoice is the select of the countdown's length, starting at the choice kept on this device and keeping each new one. */
export function countdownChoice(): HTMLSelectElement {
  const saved = localStorage.getItem(COUNTDOWN_KEY) ?? '';
  const sel = select(
    'countdown',
    COUNTDOWN_CHOICES.map((v) => [v, t('screening.seconds', { n: Number(v) })] as const),
    COUNTDOWN_CHOICES.includes(saved) ? saved : COUNTDOWN_DEFAULT,
  );
  sel.addEventListener('change', () => localStorage.setItem(COUNTDOWN_KEY, sel.value));
  return sel;
}

/**
 * countdown counts seconds down in live (the cue says what to do, the timer
 * the seconds left), says its start and its last three seconds, and calls
 * done when it reaches zero. It returns a function that stops it early.
 */
export function countdown(live: LiveView, seconds: number, say: (text: string) => void, done: () => void): () => void {
  let left = seconds;
  live.show(t('screening.countdownCue'));
  live.countdown(left);
  say(t('screening.countdownSpoken', { left }));
  const tick = window.setInterval(() => {
    left--;
    if (left > 0) {
      live.countdown(left);
      if (left <= 3) say(String(left));
      return;
    }
    window.clearInterval(tick);
    done();
  }, 1000);
  return () => window.clearInterval(tick);
}
