// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { ExercisePicker, type DoseSource } from './session-exercise';
import type { PlanItem } from './data';
import { birdDog, planItem, serverDose } from './session-testing';

const items: PlanItem[] = [planItem(2, true), planItem(1, false, undefined, 'half-kneeling-hip-flexor', 'Hip flexor stretch')];

function picker(source: DoseSource, chosen: string | null = null) {
  const onDose = vi.fn();
  const p = new ExercisePicker(items, chosen, source, onDose);
  document.body.replaceChildren(p.field, p.info);
  return { p, onDose, select: p.field.querySelector('select')! };
}

const library: DoseSource = {
  exercise: async (id) => (id === 'bird-dog' ? birdDog : { ...birdDog, id, kind: 'stretch' }),
  todaysDose: async (id) => (id === 'bird-dog' ? serverDose(1, 'One level gentler.') : undefined),
};

describe('the choice of exercise in a session', () => {
  it('offers the plan’s exercises under a label, starting on the one asked for', () => {
    const { select } = picker(library, 'half-kneeling-hip-flexor');
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['bird-dog', 'Bird dog'],
      ['half-kneeling-hip-flexor', 'Hip flexor stretch'],
    ]);
    expect(select.value).toBe('half-kneeling-hip-flexor');
    expect(document.querySelector(`label[for="${select.id}"]`)!.textContent).toBe('Exercise');
  });

  it('shows the plan’s dose, then today’s from the server, and tells it', async () => {
    const { p, onDose } = picker(library);
    await p.load();
    expect(p.info.querySelector('.dose')!.textContent).toMatch(/^Your plan: /);
    expect(p.info.querySelector('[data-testid="todays-level"]')!.textContent).toBe('Today: level 1, hold 5 s, 4 times. One level gentler.');
    expect(p.item.exercise).toBe('bird-dog');
    expect(p.dose).toMatchObject({ targetS: 5, reps: 8, effort: true });
    expect(onDose).toHaveBeenCalledWith(p.dose, items[0]);
  });

  it('reads the dose again when another exercise is chosen', async () => {
    const { p, onDose, select } = picker(library);
    await p.load();
    select.value = 'half-kneeling-hip-flexor';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(onDose).toHaveBeenCalledTimes(2));
    expect(p.item.exercise).toBe('half-kneeling-hip-flexor');
    expect(p.dose).toEqual({ targetS: 8, reps: 6, effort: false });
    expect(p.info.querySelector('[data-testid="todays-level"]')).toBeNull();
  });

  it('keeps the plan’s dose and says why when the library cannot be read', async () => {
    const { p, onDose } = picker({ ...library, exercise: async () => Promise.reject(new Error('the engine did not load')) });
    await p.load();
    expect(p.dose).toEqual({ targetS: 8, reps: 12, effort: false });
    expect(p.info.querySelector('.error')!.textContent).toBe('the engine did not load');
    expect(onDose).not.toHaveBeenCalled();
  });

  it('is locked while a session runs', () => {
    const { p, select } = picker(library);
    p.locked = true;
    expect(select.disabled).toBe(true);
    p.locked = false;
    expect(select.disabled).toBe(false);
  });
});
