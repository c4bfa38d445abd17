// The camera and the pose model behind a live view: opens the camera into
// the view's stage, runs MediaPipe on every frame, draws the smoothed
// skeleton, reports the frame rate, and hands each frame to the page. The
// picture stays in the page; only the landmarks reach the page's callback.
import { loadEngine, type LiveFilter } from '../engine';
import { closeCamera, openCamera, runLive, type LiveFrame } from '../pose/camera';
import { DEFAULT_MODEL, Estimator } from '../pose/mediapipe';
import type { Stage } from '../pose/stage';
import type { Model } from '../recording';
import type { FrameRateNote } from './framerate';
import { t } from '../i18n';
import { errorText } from '../pages/common';

/** Where a live camera shows: the stage for the picture and the skeleton, and the frame-rate note (a LiveView has both). */
export interface LiveOutput {
  stage: Stage;
  rate: FrameRateNote;
}

export class LiveCamera {
  private readonly view: LiveOutput;
  private readonly model: () => Model;
  private stream: MediaStream | undefined;
  private loop: AbortController | undefined;
  /** The loop under way (or stopped and ending): it ends once no estimate is running. */
  private loopDone: Promise<void> | undefined;
  private est: Estimator | undefined;
  private smooth: LiveFilter | undefined;

  /** model says which pose model to load when the camera starts (the default one unless the page lets the person choose). */
  constructor(view: LiveOutput, model: () => Model = () => DEFAULT_MODEL) {
    this.view = view;
    this.model = model;
  }

  /** runtime names the pose model's runtime for a recording's header. */
  get runtime(): string {
    return this.est?.runtime ?? 'unknown';
  }

  /** size is the camera picture's width and height in pixels (640x480 until known). */
  get size(): { width: number; height: number } {
    const v = this.view.stage.video;
    return { width: v.videoWidth || 640, height: v.videoHeight || 480 };
  }

  /**
   * start opens the camera and the pose model and calls onFrame for every
   * analysed frame; onError gets a failure of the running loop. A failure
   * to start is thrown, with the camera closed again.
   */
  async start(onFrame: (f: LiveFrame) => void, onError: (err: unknown) => void): Promise<void> {
    const { stage, rate } = this.view;
    try {
      // A loop stopped by a pause may still finish an estimate on the model this start reuses.
      await this.loopDone;
      this.stream = await openCamera(stage.video);
      stage.fit();
      // After a pause the pose model is still loaded: only the camera opens again.
      if (this.est && this.est.model !== this.model()) await this.closeModel();
      this.est ??= await Estimator.create({ model: this.model() });
      this.smooth?.free();
      this.smooth = (await loadEngine()).liveFilter(stage.video.videoWidth / Math.max(1, stage.video.videoHeight));
    } catch (err) {
      await this.stop();
      throw err;
    }
    const loop = new AbortController();
    this.loop = loop;
    this.loopDone = runLive(stage.video, this.est, loop.signal, (f) => {
      rate.update(f.fps);
      stage.fit();
      const lm = f.estimate.image;
      if (lm && this.smooth) stage.draw(this.smooth.apply(f.t, lm));
      else {
        this.smooth?.reset();
        stage.draw(null);
      }
      onFrame(f);
    }).catch((err: unknown) => {
      if (!loop.signal.aborted) onError(err);
    });
  }

  /** running says whether the camera is open now. */
  get running(): boolean {
    return this.stream !== undefined;
  }

  /**
   * pause ends the loop and closes the camera but keeps the pose model
   * loaded, so start opens the camera again quickly; safe to call twice.
   * It resolves once no estimate runs.
   */
  async pause(): Promise<void> {
    this.loop?.abort();
    this.loop = undefined;
    const stream = this.stream;
    this.stream = undefined;
    // The picture goes only once no estimate reads it (MediaPipe fails on a video without a size).
    await this.loopDone;
    closeCamera(this.view.stage.video, stream);
    this.view.stage.draw(null);
  }

  /** stop ends the loop and closes the camera and the model; safe to call twice. */
  async stop(): Promise<void> {
    await this.pause();
    await this.closeModel();
  }

  /** closeModel closes the pose model and the filter; only when no loop runs on them. */
  private async closeModel(): Promise<void> {
    await this.loopDone; // the model is closed only when no estimate runs on it
    this.loopDone = undefined;
    this.smooth?.free();
    this.smooth = undefined;
    const e = this.est;
    this.est = undefined;
    await e?.close();
  }
}

/**
 * cameraButton makes button start a live camera: while start runs the
 * button is held and status says the camera is starting; then the button
 * hides and status says the camera is on. A start that fails is said in
 * status, stop cleans up, and the button is offered again.
 */
export function cameraButton(button: HTMLButtonElement, status: HTMLElement, start: () => Promise<void>, stop: () => Promise<void>): void {
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      status.textContent = t('live.starting');
      await start();
      button.hidden = true;
      status.textContent = t('live.cameraOn');
    } catch (err) {
      status.textContent = t('live.couldNotStart', { error: errorText(err) });
      await stop();
      button.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
}
