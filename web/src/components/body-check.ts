// The body check before a screening's recording: the body parts the test
// needs (the library's, as landmark indices left and right), each marked
// in view or not on every frame. Recording may start once every part has
// been seen for a few frames in a row.
import { h } from '../dom';
import { t } from '../i18n';
import type { PoseLandmark } from '../recording';

/** A body part a test needs: its name and its left and right landmark indices. */
export type Part = readonly [name: string, left: number, right: number];

/** Frames in a row with every part seen before recording may start: our choice, a steady view, not a lucky frame. */
export const READY_FRAMES = 3;

/** partsSeen says for each part whether its left or right landmark is seen, at visibility gate or more (a side view hides the far side). */
export function partsSeen(lm: readonly PoseLandmark[] | null, parts: readonly Part[], gate: number): boolean[] {
  return parts.map(([, l, r]) => !!lm && Math.max(lm[l]?.visibility ?? 0, lm[r]?.visibility ?? 0) >= gate);
}

export class BodyCheck {
  /** The checklist, one item a part. */
  readonly el: HTMLUListElement;
  private parts: readonly Part[] = [];
  private run = 0;
  private readonly gate: number;

  /** gate is the engine's visibility gate (stretchwise.VisibilityGate). */
  constructor(gate: number) {
    this.gate = gate;
    this.el = h('ul', { class: 'checklist', 'aria-label': t('screening.checklist') });
  }

  /** show lists the parts of a test, none seen yet. */
  show(parts: readonly Part[]): void {
    this.parts = parts;
    this.run = 0;
    this.el.replaceChildren(...parts.map(([name]) => h('li', { 'data-seen': 'false' }, t('screening.partNotYet', { part: name }))));
  }

  /** restart counts the frames in a row again from none (a new camera start). */
  restart(): void {
    this.run = 0;
  }

  /**
   * update marks each part in view or not in the landmarks of one frame (null:
   * no person; out: the landmarks the framing check has out of the picture)
   * and returns whether every part has now been seen READY_FRAMES frames in
   * a row, the names of the parts not seen in this frame, and those of the
   * parts the framing has out of the picture. A part out of the picture is
   * "not in view" on the checklist, as the framing note says, even when the
   * model still sees it (it guesses landmarks past the edge, often with a
   * high visibility); recording is still allowed then, as the analysis
   * leaves out only what left the picture.
   */
  update(lm: readonly PoseLandmark[] | null, out: ReadonlySet<number> = new Set()): { ready: boolean; missing: string[]; out: string[] } {
    const seen = partsSeen(lm, this.parts, this.gate);
    const left = this.parts.map(([, l, r]) => !!lm && (out.has(l) || out.has(r)));
    seen.forEach((ok, i) => {
      const li = this.el.children[i] as HTMLElement | undefined;
      if (!li) return;
      const inView = ok && !left[i];
      li.dataset.seen = String(inView);
      li.textContent = t(left[i] ? 'screening.partOut' : inView ? 'screening.partSeen' : 'screening.partNotSeen', { part: this.parts[i]![0] });
    });
    this.run = seen.every(Boolean) ? this.run + 1 : 0;
    const names = (keep: (i: number) => boolean) => this.parts.filter((_, i) => keep(i)).map((p) => p[0]);
    return { ready: this.run >= READY_FRAMES, missing: names((i) => !seen[i]), out: names((i) => left[i]!) };
  }
}
