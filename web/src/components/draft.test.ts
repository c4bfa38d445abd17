// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { clearDrafts, Draft, fillForm, formValues } from './draft';

function form(): HTMLFormElement {
  const f = document.createElement('form');
  f.innerHTML = `
    <input type="radio" name="fever" value="yes"><input type="radio" name="fever" value="no">
    <select name="odi_1"><option value="">Choose</option><option value="0">None</option><option value="3">Severe</option></select>
    <input type="number" name="age">
    <input type="password" name="secret">`;
  return f;
}

describe('drafts of a form', () => {
  beforeEach(() => localStorage.clear());

  it('reads the chosen answers and leaves out the unanswered ones and passwords', () => {
    const f = form();
    (f.querySelector('[value="no"]') as HTMLInputElement).checked = true;
    (f.querySelector('[name="odi_1"]') as HTMLSelectElement).value = '3';
    (f.querySelector('[name="secret"]') as HTMLInputElement).value = 'hunter2';
    expect(formValues(f)).toEqual({ fever: 'no', odi_1: '3' });
  });

  it('puts saved answers back, ignoring names and values the form does not have', () => {
    const f = form();
    fillForm(f, { fever: 'yes', odi_1: '9', age: '44', gone: 'x' });
    expect((f.querySelector('[value="yes"]') as HTMLInputElement).checked).toBe(true);
    expect((f.querySelector('[name="odi_1"]') as HTMLSelectElement).value).toBe('');
    expect((f.querySelector('[name="age"]') as HTMLInputElement).value).toBe('44');
  });

  it('keeps one draft per account until cleared, and signing out clears them all', () => {
    const ann = new Draft('intake', 1);
    const bob = new Draft('intake', 2);
    ann.save({ fever: 'no' });
    bob.save({ fever: 'yes' });
    localStorage.setItem('stretchwise.muted', '1');
    expect(new Draft('intake', 1).load()).toEqual({ fever: 'no' });
    ann.clear();
    expect(ann.load()).toBeUndefined();
    expect(bob.load()).toEqual({ fever: 'yes' });
    clearDrafts();
    expect(bob.load()).toBeUndefined();
    expect(localStorage.getItem('stretchwise.muted')).toBe('1');
  });

  it('drops an unreadable draft instead of showing part of it', () => {
    localStorage.setItem('stretchwise.draft.intake.1', '{not json');
    expect(new Draft('intake', 1).load()).toBeUndefined();
    localStorage.setItem('stretchwise.draft.intake.1', '[1,2]');
    expect(new Draft('intake', 1).load()).toBeUndefined();
  });
});
