// A 0-10 slider with its label and the current value in words, for
// stretch intensity and pain after each hold.
import { h, uid } from '../dom';

export interface Slider {
  el: HTMLElement;
  input: HTMLInputElement;
  value: () => number;
}

/** slider returns a labelled range input 0-10; words(v) describes a value. */
export function slider(label: string, value: number, words: (v: number) => string, name = label): Slider {
  const id = uid('s');
  const input = h('input', { type: 'range', min: '0', max: '10', step: '1', id, name, value: String(value) });
  const out = h('output', { for: id, class: 'slider-value' });
  const update = () => {
    const v = Number(input.value);
    out.textContent = `${v} — ${words(v)}`;
    input.setAttribute('aria-valuetext', `${v} out of 10, ${words(v)}`);
  };
  input.addEventListener('input', update);
  update();
  const el = h('div', { class: 'field slider' }, h('label', { for: id }, label), input, out);
  return { el, input, value: () => Number(input.value) };
}

/** painWords describes pain 0-10 the way the pain-monitoring model bands it. */
export function painWords(v: number): string {
  if (v === 0) return 'no pain';
  if (v <= 3) return 'mild';
  if (v <= 5) return 'moderate';
  return 'strong';
}

/** intensityWords describes stretch intensity 0-10; mild is the target. */
export function intensityWords(v: number): string {
  if (v === 0) return 'nothing felt';
  if (v <= 4) return 'mild tension (the target)';
  if (v <= 6) return 'strong';
  return 'very strong';
}
