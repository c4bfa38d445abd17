// A screening's recording from the live camera: "Start recording", offered
// once the camera is on and enabled while every body part the test needs is
// in view; then the countdown, the recording for the test's seconds (or until
// "Stop recording"), the camera stopped, and the recording handed on. The
// page is held from the start of the countdown until the recording is sent
// or given up (components/leave).
import { h } from '../dom';
import { t } from '../i18n';
import type { LiveFrame } from '../pose/camera';
import { Recorder, type Header } from '../recording';
import { countdown } from './countdown';
import { holdPage } from './leave';
import type { LiveView } from './live';
import { errorText } from '../pages/common';

export interface ScreeningRecordOptions {
  /** The live view the buttons go in and the cues and the timer show in. */
  live: LiveView;
  /** The page's status line. */
  status: HTMLElement;
  /** say speaks a cue. */
  say: (text: string) => void;
  /** What to record, asked at "Start recording": the countdown and the recording's length, seconds, and the recording's header, asked when the recording begins. */
  next: () => { countdownS: number; seconds: number; header: () => Header };
  /** stopCamera stops the camera (and what runs with it) once the recording is over. */
  stopCamera: () => Promise<void>;
  /** done gets the recording's text; its failure is said in the status line. */
  done: (text: string) => Promise<void>;
  /** failed runs after done failed: the page offers the camera again. */
  failed: () => void;
}

export class ScreeningRecord {
  readonly record: HTMLButtonElement = h('button', { type: 'button', class: 'primary', disabled: true, hidden: true }, t('live.startRecording'));
  readonly stopButton: HTMLButtonElement = h('button', { type: 'button', hidden: true }, t('live.stopRecording'));
  private readonly o: ScreeningRecordOptions;
  private recorder: Recorder | undefined;
  private autoStop: number | undefined;
  private clock: number | undefined;
  private stopCountdown: (() => void) | undefined;
  private release: (() => void) | undefined;

  constructor(o: ScreeningRecordOptions) {
    this.o = o;
    this.record.addEventListener('click', () => this.start());
    this.stopButton.addEventListener('click', () => void this.finish());
    o.live.add(this.record, this.stopButton);
  }

  /** offer shows "Start recording", held until the body check is ready (the camera is on). */
  offer(): void {
    this.record.hidden = false;
  }

  /**
   * frame takes one camera frame with the body check's answer for it: while
   * recording, the frame is recorded; while "Start recording" is offered, the
   * cue says what is missing, and the button is enabled only when ready.
   */
  frame(f: LiveFrame, check: { ready: boolean; missing: readonly string[]; out?: readonly string[] }): void {
    const { live } = this.o;
    if (this.recorder) {
      this.recorder.addLive(f.t, f.estimate.image, f.estimate.world);
      live.stage.el.dataset.recorded = String(this.recorder.frames.length);
      return;
    }
    if (this.record.hidden) return;
    const out = check.out ?? [];
    if (check.ready && out.length > 0) {
      // Never "I can see everything" while the framing has a needed part out of the picture.
      live.show(t('screening.readyButOut', { parts: out.map((p) => p.toLowerCase()).join(', ') }));
    } else if (check.ready && (this.record.disabled || live.cue.textContent !== t('screening.seeAll'))) {
      live.show(t('screening.seeAll'));
      if (this.record.disabled) this.o.say(t('screening.seeAllSpoken'));
    } else if (!check.ready) {
      live.show(check.missing.length ? t('screening.moveSoISee', { parts: check.missing.map((p) => p.toLowerCase()).join(', ') }) : t('screening.holdStill'));
    }
    this.record.disabled = !check.ready;
  }

  /** stop ends the countdown and the timers (the camera stopped); a recording under way is kept for finish. */
  stop(): void {
    window.clearTimeout(this.autoStop);
    window.clearInterval(this.clock);
    this.stopCountdown?.();
  }

  /** leave lets go of the page (the page is closed). */
  leave(): void {
    this.release?.();
    this.release = undefined;
  }

  private start(): void {
    const { live, say } = this.o;
    const { countdownS, seconds, header } = this.o.next();
    this.record.hidden = true;
    this.release = holdPage(t('screening.leaveHold'), () => live.on());
    live.on();
    this.stopCountdown = countdown(live, countdownS, say, () => {
      this.recorder = new Recorder(header());
      // Each live step brings the live view back into view (the person may have scrolled meanwhile).
      live.on();
      live.show(t('screening.recording'));
      say(t('screening.recording'));
      this.stopButton.hidden = false;
      // The timer counts the recording's seconds on the clock (frames may come slowly).
      const began = performance.now();
      live.time(0, seconds);
      this.clock = window.setInterval(() => live.time(Math.min(seconds, (performance.now() - began) / 1000), seconds), 1000);
      this.autoStop = window.setTimeout(() => void this.finish(), seconds * 1000);
    });
  }

  /** finish ends the recording, stops the camera and hands the recording on. */
  private async finish(): Promise<void> {
    const rec = this.recorder;
    if (!rec) return;
    this.recorder = undefined;
    this.stopButton.hidden = true;
    this.stop();
    await this.o.stopCamera();
    const { live, status } = this.o;
    live.off();
    live.show(t('screening.checking'));
    live.clear();
    this.o.say(t('screening.relax'));
    status.textContent = t('screening.recorded', { frames: rec.frames.length, found: rec.detected });
    try {
      await this.o.done(rec.text());
    } catch (err) {
      status.textContent = t('screening.saveFailed', { error: errorText(err) });
      status.classList.add('error');
      this.o.failed();
    } finally {
      this.leave();
    }
  }
}
