// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { h } from '../dom';
import { charCount, limitChars, MAX_NOTE_CHARS } from './text-limit';

function type(el: HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input'));
}

describe('a text limit in characters', () => {
  it('counts an emoji and an accent as one character each, as the server does', () => {
    expect(charCount('é🙂a')).toBe(3);
  });

  it('keeps a note of the limit in characters with an emoji whole, and says none are left', () => {
    const box = h('textarea');
    const counter = limitChars(box, MAX_NOTE_CHARS);
    const text = 'x'.repeat(MAX_NOTE_CHARS - 1) + '🙂';
    type(box, text);
    expect(box.value).toBe(text);
    expect(box.hasAttribute('maxlength')).toBe(false); // maxlength counts an emoji as two
    expect(counter.textContent).toBe('This box is full: 4,000 characters at most.');
  });

  it('stops a pasted text at the limit and says how many characters are left as the person types', () => {
    const box = h('textarea');
    const counter = limitChars(box, 200);
    expect(counter.textContent).toBe('Up to 200 characters.');
    type(box, 'ö'.repeat(199));
    expect(counter.textContent).toBe('1 character left.');
    type(box, 'ö'.repeat(250));
    expect(charCount(box.value)).toBe(200);
    expect(box.getAttribute('aria-describedby')).toBe(counter.id);
  });
});
