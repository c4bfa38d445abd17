// A plain warning when this device analyses too few camera pictures a
// second for the cues, the hold timer and the measures to be trusted.
import { h } from '../dom';
import { t } from '../i18n';

/**
 * MIN_FPS is the frame rate below which the warning shows. Our choice:
 * the live coach must cue a fault within half a second and needs several
 * frames to confirm it, which 10 frames a second just allows.
 */
export const MIN_FPS = 10;

/** FrameRateNote shows the warning while the measured rate stays low. */
export class FrameRateNote {
  readonly el: HTMLElement = h('p', { class: 'framerate-warning', role: 'status', hidden: true, 'data-testid': 'framerate-warning' });

  /** update takes the live loop's frame rate (NaN while unknown). */
  update(fps: number): void {
    const low = Number.isFinite(fps) && fps < MIN_FPS;
    if (Number.isFinite(fps)) this.el.dataset.fps = fps.toFixed(2);
    if (low) {
      this.el.textContent = t('cue.lowFrameRate', { fps, min: MIN_FPS });
    }
    this.el.hidden = !low;
  }
}
