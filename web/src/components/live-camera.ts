// The camera and the pose model behind a live view: opens the camera into
// the view's stage, runs MediaPipe on every frame, draws the smoothed
// skeleton, reports the frame rate, and hands each frame to the page. The
// picture stays in the page; only the landmarks reach the page's callback.
import { loadEngine, type LiveFilter } from '../engine';
import { closeCamera, openCamera, runLive, type LiveFrame } from '../pose/camera';
import { DEFAULT_MODEL, Estimator } from '../pose/mediapipe';
import type { LiveView } from './live';

export class LiveCamera {
  private readonly view: LiveView;
  private stream: MediaStream | undefined;
  private loop: AbortController | undefined;
  /** The loop under way: it ends once no estimate is running. */
  private running: Promise<void> | undefined;
  private est: Estimator | undefined;
  private smooth: LiveFilter | undefined;

  constructor(view: LiveView) {
    this.view = view;
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
      this.stream = await openCamera(stage.video);
      stage.fit();
      this.est = await Estimator.create({ model: DEFAULT_MODEL });
      this.smooth = (await loadEngine()).liveFilter(stage.video.videoWidth / Math.max(1, stage.video.videoHeight));
    } catch (err) {
      await this.stop();
      throw err;
    }
    const loop = new AbortController();
    this.loop = loop;
    this.running = runLive(stage.video, this.est, loop.signal, (f) => {
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

  /** stop ends the loop and closes the camera and the model; safe to call twice. */
  async stop(): Promise<void> {
    this.loop?.abort();
    this.loop = undefined;
    // The camera and the model are closed only when no estimate runs on them (a picture
    // gone mid-frame made MediaPipe fail: "ROI width and height must be > 0").
    await this.running;
    this.running = undefined;
    closeCamera(this.view.stage.video, this.stream);
    this.stream = undefined;
    this.smooth?.free();
    this.smooth = undefined;
    const e = this.est;
    this.est = undefined;
    await e?.close();
  }
}
