// The guided session's exercise: the plan's exercises to choose from, and
// what the page says about the chosen one's dose (the plan's, then today's
// from the server with what a level means, the steps and what to feel).
// The dose is read again whenever another exercise is chosen.
import { field, h, select } from '../dom';
import { t } from '../i18n';
import { errorText } from '../pages/common';
import { doseText } from '../pages/plan';
import type { LibraryExercise } from './core';
import type { ExerciseDose, PlanItem } from './data';
import { doseInfo, sessionDose, type SessionDose } from './session-dose';

/** Where an exercise's library entry (the engine) and today's dose (the server) are read. */
export interface DoseSource {
  exercise(id: string): Promise<LibraryExercise>;
  todaysDose(id: string): Promise<ExerciseDose | undefined>;
}

export class ExercisePicker {
  /** The labelled choice of exercise. */
  readonly field: HTMLElement;
  /** What the page says about the chosen exercise's dose. */
  readonly info: HTMLElement;
  /** The chosen exercise of the plan, and today's dose of it. */
  item: PlanItem;
  dose: SessionDose;
  private readonly select: HTMLSelectElement;
  private readonly items: readonly PlanItem[];
  private readonly source: DoseSource;
  private readonly onDose: (dose: SessionDose, item: PlanItem) => void;

  /** chosen is the exercise to start on (the first when null); onDose hears today's dose once it is read. */
  constructor(items: readonly PlanItem[], chosen: string | null, source: DoseSource, onDose: (dose: SessionDose, item: PlanItem) => void) {
    this.items = items;
    this.source = source;
    this.onDose = onDose;
    this.item = items[0]!;
    this.dose = sessionDose(this.item, undefined, undefined);
    this.select = select('exercise', items.map((it) => [it.exercise, it.name] as const), chosen ?? items[0]!.exercise);
    this.field = h('div', { class: 'fields' }, field(t('session.exercise'), this.select));
    this.info = h('div', { class: 'exercise-info' });
    this.select.addEventListener('change', () => void this.load());
  }

  /** load shows the chosen exercise's dose: the plan's at once, today's once the library and the server answer. */
  async load(): Promise<void> {
    const item = this.items.find((it) => it.exercise === this.select.value) ?? this.items[0]!;
    this.item = item;
    this.dose = sessionDose(item, undefined, undefined);
    this.info.replaceChildren(h('p', { class: 'dose' }, t('session.yourPlan', { dose: doseText(item) })));
    try {
      const ex = await this.source.exercise(item.exercise);
      // The server's dose: the plan's level moved by the morning check-ins (guard.NextMorning on the stored data).
      this.dose = sessionDose(item, ex, await this.source.todaysDose(item.exercise));
      this.onDose(this.dose, item);
      this.info.append(...doseInfo(ex, this.dose));
    } catch (err) {
      this.info.append(h('p', { class: 'error' }, errorText(err)));
    }
  }

  /** locked keeps the choice while a session runs. */
  set locked(on: boolean) {
    this.select.disabled = on;
  }
}
