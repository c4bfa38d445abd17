// The screening's choices: which test, which side of the person faces the
// phone (asked only for a test filmed side on), and how long the countdown
// before the recording is. The tests are the library's (the engine serves
// them) with the camera placement their views imply.
import { field, h, select } from '../dom';
import { t } from '../i18n';
import type { View } from '../recording';
import type { Part } from './body-check';
import { countdownChoice, COUNTDOWN_DEFAULT } from './countdown';
import type { ScreeningTest } from './core';
import type { Placement } from './placement';

/** A screening test as the page uses it: the library's, with the camera placement its views imply. */
export interface Test extends Omit<ScreeningTest, 'parts'> {
  placement: Placement;
  parts: readonly Part[];
}

export type Side = 'left' | 'right';

/** pageTest is the library's test with its placement (straight behind when a rear view is asked, else side on) and its parts as landmark pairs. */
export function pageTest(x: ScreeningTest): Test {
  return {
    ...x,
    placement: x.views.includes('rear') ? 'rear' : 'side',
    parts: x.parts.map((p) => [p.name, p.landmarks[0], p.landmarks[1]] as const),
  };
}

/** The test chosen when the address names none: our choice, the first test of a screening. */
const FIRST_TEST = 'bird-dog';

export class ScreeningChoice {
  /** The three fields. */
  readonly el: HTMLElement;
  private readonly tests: readonly Test[];
  private readonly testSel: HTMLSelectElement;
  private readonly sideSel: HTMLSelectElement;
  private readonly countdownSel: HTMLSelectElement;
  private readonly sideField: HTMLElement;

  /** tests must not be empty; first is the id the address asks for (null: none); changed runs after the test or the side changes. */
  constructor(tests: readonly ScreeningTest[], first: string | null, changed: () => void) {
    this.tests = tests.map(pageTest);
    this.testSel = select('test', this.tests.map((x) => [x.id, x.name] as const), first ?? FIRST_TEST);
    this.sideSel = select('side', [['left', t('screening.sideLeft')], ['right', t('screening.sideRight')]], 'left');
    this.countdownSel = countdownChoice();
    this.sideField = field(t('screening.whichSide'), this.sideSel);
    this.el = h('div', { class: 'fields' }, field(t('screening.whichTest'), this.testSel), this.sideField, field(t('screening.countdownField'), this.countdownSel));
    this.testSel.addEventListener('change', () => {
      this.showSide();
      changed();
    });
    this.sideSel.addEventListener('change', changed);
    this.showSide();
  }

  /** test is the chosen test (the first one when the address named an unknown one). */
  get test(): Test {
    return this.tests.find((x) => x.id === this.testSel.value) ?? this.tests[0]!;
  }

  /** side is the side of the person facing the phone. */
  get side(): Side {
    return this.sideSel.value as Side;
  }

  /** view is the camera view of the recording: straight behind, or the side facing the phone. */
  get view(): View {
    return this.test.placement === 'rear' ? 'rear' : this.side;
  }

  /** countdownS is the chosen countdown, seconds. */
  get countdownS(): number {
    return Number(this.countdownSel.value) || Number(COUNTDOWN_DEFAULT);
  }

  /** The side is asked only for a test filmed side on; from straight behind it does not matter. */
  private showSide(): void {
    this.sideField.hidden = this.test.placement !== 'side';
  }
}
