// The holds of a guided session on the screen: the live view (filling the
// screen during a hold) with "End this hold", "Stop session" and the mute
// toggle; the camera and the pose model behind it (the camera closed
// between holds, the model kept loaded); and each hold frame by frame
// (components/hold, with its cue source). It tells the session the seconds
// held and when the target is reached; the session decides what follows.
import { h } from '../dom';
import { t } from '../i18n';
import { errorText } from '../pages/common';
import type { LiveFrame } from '../pose/camera';
import { DEFAULT_MODEL } from '../pose/mediapipe';
import { makeHeader, type Recorder } from '../recording';
import type { GuardEvent } from './core';
import { cueSource, type CueSource } from './cues';
import type { PlanItem } from './data';
import { Hold } from './hold';
import { LiveView } from './live';
import { LiveCamera } from './live-camera';
import type { SessionDose } from './session-dose';

/** What the holds need of a camera: LiveCamera's calls (a fake in tests). */
export interface HoldCamera {
  readonly running: boolean;
  readonly size: { width: number; height: number };
  readonly runtime: string;
  start(onFrame: (f: LiveFrame) => void, onError: (err: unknown) => void): Promise<void>;
  pause(): Promise<void>;
  stop(): Promise<void>;
}

export interface SessionLiveOptions {
  /** The page's status line: the camera starting, on, off, failed. */
  status: HTMLElement;
  /** Speaks a cue (components/speech). */
  say: (text: string) => void;
  /** The mute toggle, put among the live view's buttons. */
  toggle: HTMLElement;
  /** The camera behind the view (LiveCamera unless given). */
  camera?: (view: LiveView) => HoldCamera;
  /** The cue source of a hold (cueSource unless given). */
  cues?: (exercise: string, targetS: number, aspect: number) => CueSource;
}

/** What a hold tells the session as it runs. */
export interface HoldTrack {
  /** Session time now, seconds. */
  now(): number;
  /** The good-form seconds the timer shows now. */
  held(s: number): void;
  /** The good-form target is reached. */
  reached(): void;
}

export class SessionLive {
  readonly view: LiveView;
  readonly endHold: HTMLButtonElement;
  readonly stop: HTMLButtonElement;
  private readonly o: SessionLiveOptions;
  private readonly camera: HoldCamera;
  private source: CueSource | undefined;
  private hold: Hold | undefined;
  private track: HoldTrack | undefined;

  constructor(o: SessionLiveOptions) {
    this.o = o;
    this.view = new LiveView({ label: t('session.liveLabel'), cueTestId: 'cue', timerLabel: t('session.timerLabel'), timerTestId: 'hold-timer' });
    this.view.cue.classList.add('session-cue');
    this.view.el.hidden = true;
    this.camera = o.camera?.(this.view) ?? new LiveCamera(this.view);
    this.endHold = h('button', { type: 'button', class: 'primary' }, t('session.endHold'));
    this.stop = h('button', { type: 'button', class: 'stop' }, t('session.stop'));
    this.view.add(this.endHold, this.stop, o.toggle);
  }

  /** holding says whether a hold takes the camera's frames now. */
  get holding(): boolean {
    return this.track !== undefined;
  }

  /** startCamera opens the camera and the pose model, saying so in the status line; a failure to start is thrown. */
  async startCamera(): Promise<void> {
    const status = this.o.status;
    status.textContent = t('live.starting');
    await this.camera.start((f) => this.frame(f), (err) => (status.textContent = t('live.poseStopped', { error: errorText(err) })));
    status.textContent = t('live.cameraOn');
  }

  /** announce fills the screen with the coming hold: which of how many, "Get into position." and the timer at zero. */
  announce(item: PlanItem, dose: SessionDose, rep: number): void {
    this.view.line.textContent = t('session.holdLine', { name: item.name, rep, reps: dose.reps });
    this.view.show(t('session.getIntoPosition'));
    this.view.time(0, dose.targetS);
    this.view.on();
  }

  /**
   * begin opens the camera when it is closed and starts hold rep of item:
   * from now each frame goes to the hold and track hears how it goes. It
   * returns false, saying why in the status line, when the camera could
   * not start.
   */
  async begin(item: PlanItem, dose: SessionDose, rep: number, track: HoldTrack): Promise<boolean> {
    if (!this.camera.running) {
      try {
        await this.startCamera();
      } catch (err) {
        this.o.status.textContent = t('live.couldNotStart', { error: errorText(err) });
        return false;
      }
    }
    const { width, height } = this.camera.size;
    this.source ??= (this.o.cues ?? cueSource)(item.exercise, dose.targetS, width / height);
    this.source.reset();
    this.view.note.textContent = this.source.update(0, null).timerNote;
    const header = makeHeader({ width, height, view: 'unknown', exercise: item.exercise, runtime: this.camera.runtime, model: DEFAULT_MODEL, extra: { session_set: rep } });
    this.hold = new Hold(this.source, item.exercise, header);
    this.track = track;
    return true;
  }

  private frame(f: LiveFrame): void {
    const track = this.track;
    if (!track || !this.hold) return;
    const out = this.hold.frame(f, track.now());
    track.held(out.holdS);
    this.view.show(out.showing, out.state);
    this.view.time(out.holdS, out.targetS);
    if (out.cue) this.o.say(out.cue);
    if (out.targetS > 0 && out.holdS >= out.targetS) track.reached();
  }

  /** end stops giving frames to the hold; false when no hold was under way. */
  end(): boolean {
    if (!this.track) return false;
    this.track = undefined;
    return true;
  }

  /** rest closes the camera until the next hold (the pose model stays loaded) and takes the view off the screen. */
  rest(): void {
    void this.camera.pause();
    this.o.status.textContent = t('session.cameraPaused');
    this.hide();
  }

  /** hide takes the live view off the page. */
  hide(): void {
    this.view.off();
    this.view.el.hidden = true;
  }

  /** takeAngles returns the hold's held angles sampled since the last call, for the guard. */
  takeAngles(): GuardEvent[] {
    return this.hold?.takeAngles() ?? [];
  }

  /** takeRecording returns the hold's recording once, to be uploaded. */
  takeRecording(): Recorder | undefined {
    return this.hold?.takeRecording();
  }

  /** close ends the hold under way and closes the camera and the pose model. */
  async close(): Promise<void> {
    this.track = undefined;
    await this.camera.stop();
    this.source?.free();
    this.source = undefined;
  }
}
