// Live framing guidance: while the camera is on, say in plain words what
// keeps it from seeing what the test needs (a body part out of the picture,
// the camera too high, too close or too far, too little light), with the
// placement picture. The rules are the engine's (package framing, the same
// ones `stretchwise extract` and the report give their reasons with), run
// over the last moments of the camera; this only shows their words.
import { h } from '../dom';
import type { Engine, FramingNote, LiveFraming, RawEngine } from '../engine';
import type { PoseLandmark, View } from '../recording';
import { placementPicture } from './placement';
import type { ScreeningTest } from './core';

/** The problems that moving the camera fixes, for which the placement picture is shown. */
const PLACEMENT_PROBLEMS: ReadonlySet<FramingNote['problem']> = new Set(['out_of_picture', 'too_close', 'too_far', 'too_high']);

/** FramingGuide shows the live framing problems; start it with the camera, feed it every frame, stop it with the camera. */
export class FramingGuide {
  readonly el: HTMLElement = h('div', { class: 'framing-guide', role: 'status', 'aria-live': 'polite', hidden: true, 'data-testid': 'framing-guide' });
  private check: LiveFraming | undefined;
  private shown = '';

  /** picture returns the placement picture for the current test and side, or null when there is none. */
  constructor(private readonly picture: () => HTMLElement | null) {}

  /** start begins checking pictures of width x height pixels with the engine's rules. */
  start(engine: Engine, width: number, height: number): void {
    this.stop();
    this.check = engine.liveFraming(width, height);
  }

  /**
   * update takes the landmarks seen at t seconds (null: no person found) and
   * returns the landmarks the notes shown have out of the picture (the body
   * check marks their parts not in view).
   */
  update(t: number, lm: readonly PoseLandmark[] | null): Set<number> {
    const out = new Set<number>();
    if (!this.check) return out;
    let notes: FramingNote[];
    try {
      notes = this.check.update(t, lm);
    } catch {
      this.stop(); // the guidance is help, never a reason to stop the camera
      return out;
    }
    for (const n of notes) for (const k of n.landmarks ?? []) out.add(k);
    const key = notes.map((n) => n.message).join('\n');
    if (key === this.shown) return out;
    this.shown = key;
    this.el.dataset.problems = notes.map((n) => n.problem).join(' ');
    if (notes.length === 0) {
      this.el.hidden = true;
      this.el.replaceChildren();
      return out;
    }
    const pic = notes.some((n) => PLACEMENT_PROBLEMS.has(n.problem)) ? this.picture() : null;
    this.el.replaceChildren(
      h('div', { class: 'framing-words' }, ...notes.map((n, i) => h('p', { class: i === 0 ? 'framing-first' : '' }, n.message))),
      ...(pic ? [pic] : []),
    );
    this.el.hidden = false;
    return out;
  }

  /** stop ends the check and hides the guidance. */
  stop(): void {
    this.check?.free();
    this.check = undefined;
    this.shown = '';
    this.el.hidden = true;
    this.el.replaceChildren();
  }
}

/**
 * placementForView returns the placement picture for a camera view and an
 * exercise, as the screening shows it, or null for a view without one.
 */
export function placementForView(view: View, exercise: string): HTMLElement | null {
  const posture = screeningPosture(exercise);
  // From behind, obliques included, the picture asks for straight behind: the view the analysis measures best.
  if (view === 'rear' || view === 'rear-left' || view === 'rear-right') return placementPicture('rear', posture, 'left');
  if (view === 'left' || view === 'right') return placementPicture('side', posture, view);
  return null;
}

/** screeningPosture is the position the library's screening of exercise is done in ("" for none), from the engine the framing check has loaded. */
function screeningPosture(exercise: string): string {
  const raw = (globalThis as unknown as { stretchwiseEngine?: Partial<Pick<RawEngine, 'screenings'>> }).stretchwiseEngine;
  const list = raw?.screenings ? (JSON.parse(raw.screenings()) as ScreeningTest[]) : [];
  return list.find((s) => s.id === exercise)?.posture ?? '';
}
