// Limits of the free-text fields a patient writes in, in characters
// (Unicode code points): the same numbers the server checks
// (stretchwise.MaxNotes, MaxStopReason, MaxClinicianName, MaxIssueTextChars;
// TestTextLimitsMatchThePage compares them). An accent or an emoji is one
// character on both sides. The maxlength attribute is not used: it counts
// an emoji as two.
import { h, uid } from '../dom';
import { t } from '../i18n';

export const MAX_NOTE_CHARS = 4000;
export const MAX_CLINICIAN_CHARS = 200;
export const MAX_ISSUE_TEXT_CHARS = 4000;

/** charCount counts text's characters as the server does (code points). */
export function charCount(text: string): number {
  return [...text].length;
}

/**
 * limitChars keeps control's text within max characters as the person
 * types or pastes (a longer text is cut at the limit) and returns a live
 * counter to show under it, tied to the control by aria-describedby.
 */
export function limitChars(control: HTMLInputElement | HTMLTextAreaElement, max: number): HTMLElement {
  const counter = h('p', { class: 'hint char-count', id: uid('count'), 'data-testid': 'char-count' });
  control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), counter.id].filter(Boolean).join(' '));
  const update = (): void => {
    const chars = [...control.value];
    if (chars.length > max) control.value = chars.slice(0, max).join('');
    const used = Math.min(chars.length, max);
    counter.textContent =
      used === 0 ? t('components.charsUpTo', { max }) : used === max ? t('components.charsFull', { max }) : t('components.charsLeft', { count: max - used });
  };
  control.addEventListener('input', update);
  update();
  return counter;
}
