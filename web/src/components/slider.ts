// A 0-10 slider with its label and the chosen value in words, for pain and
// intensity. It starts unset: nothing is preselected, so an untouched
// slider is not a report of "no pain". value() is null until the person
// chooses (drags, clicks or uses the keys); require() says what is missing.
import { h, uid } from '../dom';
import { t } from '../i18n';

export interface Slider {
  el: HTMLElement;
  input: HTMLInputElement;
  /** The chosen value, or null while nothing has been chosen. */
  value: () => number | null;
  /** clear makes the slider unset again (for the next hold). */
  clear: () => void;
}

/** slider returns a labelled range input 0-10 that starts unset; words(v) describes a value. */
export function slider(label: string, words: (v: number) => string, name = label): Slider {
  const id = uid('s');
  // The thumb is hidden while unset (style.css), so its resting place in the middle suggests nothing.
  const input = h('input', { type: 'range', min: '0', max: '10', step: '1', id, name, value: '5', 'aria-valuetext': 'not chosen yet', 'data-unset': '1' });
  const out = h('output', { for: id, class: 'slider-value' });
  // The 0-10 scale under the track, with the words for both ends. The input
  // itself tells assistive technology its value; a tap on a number chooses it.
  const marks = Array.from({ length: 11 }, (_, v) => {
    const m = h('span', { 'data-v': String(v) }, String(v));
    m.addEventListener('click', () => {
      input.value = String(v);
      choose();
    });
    return m;
  });
  const scale = h(
    'div',
    { class: 'slider-scale', 'aria-hidden': 'true', 'data-testid': 'slider-scale' },
    h('div', { class: 'slider-marks' }, ...marks),
    h('div', { class: 'slider-ends' }, h('span', {}, `0: ${words(0)}`), h('span', {}, `10: ${words(10)}`)),
  );
  const el = h('div', { class: 'field slider unset' }, h('label', { for: id }, label), input, scale, out);
  let chosen = false;
  const show = () => {
    if (!chosen) {
      out.textContent = t('components.notChosenYetMove');
      input.setAttribute('aria-valuetext', 'not chosen yet');
      return;
    }
    const v = Number(input.value);
    out.textContent = `${v} — ${words(v)}`;
    input.setAttribute('aria-valuetext', t('components.outOf10', { v, words: words(v) }));
  };
  const choose = () => {
    chosen = true;
    el.classList.remove('unset');
    input.removeAttribute('data-unset');
    input.removeAttribute('aria-invalid');
    show();
  };
  // A click on the thumb where it rests changes nothing, so it fires no input event: count the click too.
  input.addEventListener('input', choose);
  input.addEventListener('click', choose);
  // The hidden thumb rests in the middle: a first key press must not step
  // from there (one ArrowRight would report 6), so it chooses an end instead.
  input.addEventListener('keydown', (e) => {
    if (chosen) return;
    const v = firstKeyValue(e.key);
    if (v === null) return;
    e.preventDefault();
    input.value = String(v);
    choose();
  });
  show();
  return {
    el,
    input,
    value: () => (chosen ? Number(input.value) : null),
    clear: () => {
      chosen = false;
      input.value = '5';
      el.classList.add('unset');
      input.setAttribute('data-unset', '1');
      show();
    },
  };
}

/**
 * firstKeyValue is the value a first key press chooses on an unset slider:
 * 10 for End, 0 for any other key that moves a range (arrows, Home, Page
 * Up/Down), null for keys that do not move it.
 */
export function firstKeyValue(key: string): number | null {
  return Object.hasOwn(FIRST_KEY, key) ? FIRST_KEY[key]! : null;
}

const FIRST_KEY: Record<string, number> = { ArrowLeft: 0, ArrowRight: 0, ArrowUp: 0, ArrowDown: 0, Home: 0, PageUp: 0, PageDown: 0, End: 10 };

/**
 * unchosen marks the sliders nobody has set yet and returns their labels, so
 * a form can refuse to save and say what is missing.
 */
export function unchosen(...sliders: Slider[]): string[] {
  const missing: string[] = [];
  for (const s of sliders) {
    if (s.value() !== null) continue;
    s.input.setAttribute('aria-invalid', 'true');
    missing.push(s.el.querySelector('label')?.textContent ?? s.input.name);
  }
  if (missing.length > 0) sliders.find((s) => s.value() === null)?.input.focus();
  return missing;
}

/**
 * chosenValues returns the sliders' values when every one has been chosen;
 * otherwise it marks the unset ones, says in note which are missing, and
 * returns null.
 */
export function chosenValues(note: HTMLElement, ...sliders: Slider[]): number[] | null {
  const missing = unchosen(...sliders);
  note.textContent = missing.length > 0 ? missingText(missing) : '';
  return missing.length > 0 ? null : sliders.map((s) => s.value()!);
}

/** missingText says which answers are still needed, in plain words. */
export function missingText(labels: string[]): string {
  return t('components.pleaseChoose', { labels: labels.join('; ') });
}

/** painWords describes pain 0-10 the way the pain-monitoring model bands it; 10 ends the scale as the questions do. */
export function painWords(v: number): string {
  if (v === 0) return t('components.pain.none');
  if (v <= 3) return t('components.pain.mild');
  if (v <= 5) return t('components.pain.moderate');
  if (v >= 10) return t('components.pain.worst');
  return t('components.pain.strong');
}

/** intensityWords describes stretch intensity 0-10; mild is the target. */
export function intensityWords(v: number): string {
  if (v === 0) return t('components.intensity.none');
  if (v <= 4) return t('components.intensity.mild');
  if (v <= 6) return t('components.intensity.strong');
  return t('components.intensity.veryStrong');
}

/** effortWords describes the effort of a strength or stability hold, 0-10, against its top (the dose's max intensity). */
export function effortWords(max: number): (v: number) => string {
  return (v) => {
    if (v === 0) return t('components.effort.none');
    if (v <= max) return t('components.effort.steady');
    if (v <= 6) return t('components.effort.hard');
    return t('components.effort.veryHard');
  };
}
