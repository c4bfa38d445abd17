// The screening's live part: the live view with the camera and the pose
// model, the checklist of the body parts the test needs, the framing
// guidance, and the recording. Every camera frame goes to the framing check
// and the body check, and their answer to the recording (components/
// screening-record), which says what is missing and records.
import type { Engine } from '../engine';
import { t } from '../i18n';
import { DEFAULT_MODEL } from '../pose/mediapipe';
import { makeHeader } from '../recording';
import { BodyCheck } from './body-check';
import { FramingGuide } from './framing';
import { LiveView } from './live';
import { LiveCamera } from './live-camera';
import { placementPicture } from './placement';
import type { ScreeningChoice, Test } from './screening-choice';
import { ScreeningRecord } from './screening-record';
import { errorText } from '../pages/common';

export interface ScreeningCameraOptions {
  /** The engine: its visibility gate and its framing rules. */
  engine: Engine;
  /** The person's choices: the test, its side and view, the countdown. */
  choice: ScreeningChoice;
  /** The page's status line. */
  status: HTMLElement;
  /** say speaks a cue. */
  say: (text: string) => void;
  /** done gets a finished recording's text (the camera is off by then). */
  done: (text: string) => Promise<void>;
  /** failed runs after done failed. */
  failed: () => void;
}

export class ScreeningCamera {
  readonly live: LiveView;
  /** The checklist of the body parts in view. */
  readonly check: BodyCheck;
  private readonly o: ScreeningCameraOptions;
  private readonly framing: FramingGuide;
  private readonly camera: LiveCamera;
  private readonly record: ScreeningRecord;

  constructor(o: ScreeningCameraOptions) {
    this.o = o;
    const { choice } = o;
    this.check = new BodyCheck(o.engine.visibilityGate);
    // The one cue in large type, the timer, the camera and the buttons, filling the screen while the camera is on (components/live).
    this.live = new LiveView({ label: t('screening.liveLabel'), cueTestId: 'screen-cue', cue: t('screening.placeFirst'), timerLabel: t('screening.timerLabel'), timerTestId: 'screen-timer' });
    this.camera = new LiveCamera(this.live);
    this.framing = new FramingGuide(() => placementPicture(choice.test.placement, choice.test.posture, choice.side));
    this.live.addNote(this.framing.el);
    this.record = new ScreeningRecord({ live: this.live, status: o.status, say: o.say, next: () => this.next(), stopCamera: () => this.stop(), done: o.done, failed: o.failed });
  }

  /** show lists the body parts test needs, none seen yet. */
  show(test: Test): void {
    this.check.show(test.parts);
  }

  /** start opens the camera, checks every frame, and offers the recording; a failure to start is thrown. */
  async start(): Promise<void> {
    const { live, camera, framing, check, record } = this;
    check.restart();
    await camera.start((f) => {
      // One judgement: a part the framing says is out of the picture is not in view on the checklist, nor in the cue.
      const out = framing.update(f.t, f.estimate.image);
      record.frame(f, check.update(f.estimate.image, out));
    }, (err) => (this.o.status.textContent = t('live.poseStopped', { error: errorText(err) })));
    framing.start(this.o.engine, camera.size.width, camera.size.height);
    record.offer();
    live.on();
    live.show(t('screening.getIntoStart'));
  }

  /** stop ends the countdown, the framing check and the camera; safe to call twice. */
  async stop(): Promise<void> {
    this.record.stop();
    this.framing.stop();
    await this.camera.stop();
  }

  /** leave lets go of the page and stops the camera (the page is closed). */
  leave(): void {
    this.record.leave();
    void this.stop();
  }

  /** next is what "Start recording" records: the chosen test, its view when the recording begins. */
  private next() {
    const { choice } = this.o;
    const x = choice.test;
    const header = () => makeHeader({ ...this.camera.size, view: choice.view, exercise: x.id, runtime: this.camera.runtime, model: DEFAULT_MODEL });
    return { countdownS: choice.countdownS, seconds: x.seconds, header };
  }
}
