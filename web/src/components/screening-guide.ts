// The screening's guide to a test: where to put the phone (the placement
// picture, on the side the person chose), the engine's animation of the test
// from that camera view, and the test's steps.
import { demonstration } from '../demo/player';
import { h } from '../dom';
import { t } from '../i18n';
import type { View } from '../recording';
import { placementPicture } from './placement';
import type { Side, Test } from './screening-choice';

export class ScreeningGuide {
  readonly el: HTMLElement = h('div', { class: 'guide' });
  private stopDemo: (() => void) | undefined;

  /** show puts the guide of test, filmed from view with side facing the phone, in place of the one shown. */
  show(test: Test, side: Side, view: View): void {
    this.stop();
    const demo = demonstration(test.id, view, t('screening.cameraShouldSee'));
    this.stopDemo = demo.stop;
    this.el.replaceChildren(
      h('h2', {}, t('screening.wherePhone')),
      placementPicture(test.placement, test.posture, side),
      demo.el,
      h('h2', {}, t('screening.whatToDo')),
      h('ol', {}, ...test.steps.map((s) => h('li', {}, s))),
    );
  }

  /** stop ends the animation. */
  stop(): void {
    this.stopDemo?.();
    this.stopDemo = undefined;
  }
}
