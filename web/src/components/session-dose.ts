// Today's dose of a plan's exercise in the guided session, and the words
// about it: the plan's dose, today's level when the server has moved it
// (guard.NextMorning over the stored sessions and check-ins), what a level
// means, and how to do the exercise. The level and the range cap are the
// server's (GET /api/v1/doses); this only reads them.
import { h } from '../dom';
import { t } from '../i18n';
import type { GuardLimit, LibraryExercise } from './core';
import type { ExerciseDose, PlanItem } from './data';

/** The dose a session follows today. */
export interface SessionDose {
  /** Seconds each hold counts towards (0: the exercise is done in repetitions, not held). */
  targetS: number;
  /** Holds in the session, every side counted. */
  reps: number;
  /** A strength or stability exercise: the person rates the effort, not a stretch. */
  effort: boolean;
  /** Today's hold-angle cap, when the server gave one. */
  limit?: GuardLimit;
  /** Today's level, when the server moved it from the plan's, with the library's dose at that level and why. */
  moved?: { level: number; holdS: number; reps: number; why: string };
}

/**
 * sessionDose is today's dose of item: the plan's, or the library's dose at
 * the level the server says when that differs. Without the library's entry
 * (ex undefined: it could not be read) it is the plan's, rated as a stretch.
 */
export function sessionDose(item: PlanItem, ex: LibraryExercise | undefined, dose: ExerciseDose | undefined): SessionDose {
  const sides = item.dose.per_side ? (item.dose.sides?.length ?? 2) : 1;
  const out: SessionDose = { targetS: item.dose.hold_s ?? 0, reps: item.dose.reps * sides, effort: !!ex && ex.kind !== 'stretch', ...(dose ? { limit: dose.limit } : {}) };
  const d = dose && ex?.doses[dose.level - 1];
  if (dose && d && dose.level !== item.dose.level) {
    out.targetS = d.hold_s ?? 0;
    out.reps = d.reps * sides;
    out.moved = { level: dose.level, holdS: out.targetS, reps: d.reps, why: dose.last?.message ?? '' };
  }
  return out;
}

/**
 * doseInfo is what the session page says about today's dose after the plan's
 * (planLine): the moved level, what a level means, the steps and what to feel.
 */
export function doseInfo(ex: LibraryExercise, dose: SessionDose): HTMLElement[] {
  const m = dose.moved;
  return [
    ...(m ? [h('p', { class: 'lead', 'data-testid': 'todays-level' }, `${m.holdS ? t('session.todayHold', { level: m.level, hold: m.holdS, reps: m.reps }) : t('session.today', { level: m.level, reps: m.reps })} ${m.why}`)] : []),
    // What "level" means, in words, next to the dose that names it.
    h('p', { class: 'hint', 'data-testid': 'level-means' }, t('session.levelMeans', { count: ex.doses.length })),
    h('h2', {}, t('session.howTo')),
    h('ol', {}, ...ex.steps.map((s) => h('li', {}, s))),
    h('p', {}, t('session.feel', { what: ex.feel.what, where: ex.feel.where })),
  ];
}
