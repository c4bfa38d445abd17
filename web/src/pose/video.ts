// Frame-by-frame pose extraction from a video file. Each sample time is
// sought and the decoded frame sent to MediaPipe with the video time as its
// timestamp, so the result depends on the file alone, not on how fast this
// machine is (playback in real time would drop frames on a slow machine).
import { makeFrame, makeHeader, Recorder, type Exercise, type View } from '../recording';
import type { Estimate, Estimator } from './mediapipe';

export interface ExtractOptions {
  /** Sampling rate in frames per second; default: the video's own rate, estimated. */
  fps?: number;
  view?: View;
  exercise?: Exercise;
  signal?: AbortSignal;
  /** Reach every frame by seeking, not by playing on (slower; for tests). */
  seekEveryFrame?: boolean;
  /** Called after every frame with frames done and the planned total. */
  onProgress?: (done: number, total: number, estimate: Estimate, t: number) => void;
  extraHeader?: Record<string, unknown>;
}

export interface ExtractResult {
  recorder: Recorder;
  fps: number;
  frames: number;
  detected: number;
  /** Wall-clock seconds spent in MediaPipe, summed over frames. */
  poseSeconds: number;
  /** Frames reached by seeking rather than by playing on. */
  seeks: number;
}

function once<K extends keyof HTMLMediaElementEventMap>(v: HTMLVideoElement, type: K, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`video: no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEvent = () => {
      cleanup();
      resolve();
    };
    const onError = () => {
      cleanup();
      reject(new Error(`video: cannot decode ${v.currentSrc || v.src} (${v.error?.message ?? 'unknown error'})`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      v.removeEventListener(type, onEvent);
      v.removeEventListener('error', onError);
    };
    v.addEventListener(type, onEvent);
    v.addEventListener('error', onError);
  });
}

/** loadVideo sets src and waits until the first frame can be drawn. */
export async function loadVideo(v: HTMLVideoElement, src: string): Promise<void> {
  v.muted = true;
  v.playsInline = true;
  v.preload = 'auto';
  const ready = once(v, 'loadeddata', 60_000);
  v.src = src;
  v.load();
  await ready;
  if (!(v.videoWidth > 0 && v.videoHeight > 0 && Number.isFinite(v.duration) && v.duration > 0)) {
    throw new Error(`video: ${src} has no picture or no duration`);
  }
}

/** Frame rates video files commonly have; an estimate close to one snaps to it. */
const COMMON_FPS = [5, 10, 12, 15, 23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60, 120];

/**
 * estimateFPS plays the muted video briefly and reads the presentation
 * times of the frames the browser shows (requestVideoFrameCallback). The
 * smallest step between distinct frames is one frame (a slow machine drops
 * frames, it never shows extra ones). Returns 30 when the browser gives no
 * frame times.
 */
export async function estimateFPS(v: HTMLVideoElement): Promise<number> {
  if (!('requestVideoFrameCallback' in v)) return 30;
  const times: number[] = [];
  await new Promise<void>((resolve) => {
    const stop = setTimeout(resolve, 2000);
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      times.push(meta.mediaTime);
      if (times.length >= 12) {
        clearTimeout(stop);
        resolve();
      } else v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
    v.play().catch(() => {
      clearTimeout(stop);
      resolve();
    });
  });
  v.pause();
  let step = Infinity;
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    if (d > 1e-4 && d < step) step = d;
  }
  if (!Number.isFinite(step)) return 30;
  const raw = 1 / step;
  // Snap to the nearest common rate within 3% (30 rather than 29.97 when
  // the frames say 30).
  let best = 0;
  for (const f of COMMON_FPS) if (Math.abs(raw - f) / f < 0.03 && (best === 0 || Math.abs(raw - f) < Math.abs(raw - best))) best = f;
  return best || Math.round(raw * 100) / 100;
}

/**
 * seekFrame seeks to time (seconds) and resolves, with the frame's
 * presentation time, once the frame there is decoded and presented.
 * 'seeked' alone is not enough: on a busy machine Chromium can still hand
 * over the previous frame right after it, which made extraction differ from
 * run to run. requestVideoFrameCallback fires when the sought frame is
 * presented; a timeout keeps browsers that never fire it working.
 */
async function seekFrame(v: HTMLVideoElement, time: number): Promise<number | undefined> {
  let presented: Promise<number | undefined> | undefined;
  if ('requestVideoFrameCallback' in v) {
    presented = new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 5000);
      v.requestVideoFrameCallback((_now, meta) => {
        clearTimeout(timer);
        resolve(meta.mediaTime);
      });
    });
  }
  const seeked = once(v, 'seeked', 30_000);
  v.currentTime = time;
  await seeked;
  return presented ? await presented : undefined;
}

/**
 * FrameStepper puts the frame a video shows at given times, in increasing
 * order, into a canvas. A seek per frame makes the decoder start again at
 * the last key frame, which cost more than the pose network itself; so the
 * stepper plays the video and pauses on every presented frame (each frame
 * is decoded once), holding the last frame at or before the wanted time.
 * Frames are taken as VideoFrames, whose timestamps say exactly which frame
 * was taken. Where the player skipped a frame (a gap of more than one frame
 * step), for the first sample, and in browsers without
 * requestVideoFrameCallback or VideoFrame, it seeks instead, which gives the
 * same frame. Either way the frame is drawn into the same canvas, so the
 * picture the pose network sees does not depend on how it was reached.
 */
export class FrameStepper {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly playable: boolean;
  private readonly seekOnly: boolean;
  /** The frame the video is paused on (seconds), if known. */
  private cur: number | undefined;
  /** The time of the frame in the canvas: the candidate for the wanted time. */
  private heldAt: number | undefined;
  /** The shortest step between frames: one frame of the sampling rate or less. */
  private step: number;
  /** Samples reached by seeking (for tests and benchmarks). */
  seeks = 0;
  /**
   * Playback rate: a busy machine presents frames late and the player skips
   * some, so the rate halves after a skip (once: halving twice for one skip
   * left extraction waiting on playback for most of its time on a loaded
   * machine) and creeps back up after clean steps.
   */
  private rate = 1;
  private clean = 0;

  constructor(
    private readonly v: HTMLVideoElement,
    fps: number,
    seekOnly = false,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = v.videoWidth;
    this.canvas.height = v.videoHeight;
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    this.ctx = ctx;
    this.step = 1 / fps;
    this.playable = 'requestVideoFrameCallback' in v && typeof VideoFrame === 'function';
    this.seekOnly = seekOnly;
    v.pause();
    v.playbackRate = this.rate;
  }

  private setRate(r: number): void {
    this.rate = Math.min(2, Math.max(0.125, r));
    this.v.playbackRate = this.rate;
    this.clean = 0;
  }

  /** take returns the frame the video shows and its time in seconds. */
  private take(): { frame: VideoFrame; t: number } {
    const frame = new VideoFrame(this.v);
    return { frame, t: frame.timestamp / 1e6 };
  }

  /** hold copies frame into the canvas at once (a held VideoFrame's picture is not safe from the player) and closes it. */
  private hold(frame: VideoFrame, t: number): void {
    this.ctx.drawImage(frame, 0, 0, this.canvas.width, this.canvas.height);
    frame.close();
    this.heldAt = t;
  }

  /** next plays to the next presented frame and pauses there; null at the end. */
  private next(): Promise<{ frame: VideoFrame; t: number } | null> {
    const v = this.v;
    // play() on an ended video would start it again from the beginning.
    if (v.ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new Error('video: no next frame within 30 s'))), 30_000);
      const onEnded = () => finish(() => resolve(null));
      const finish = (f: () => void) => {
        clearTimeout(timer);
        v.removeEventListener('ended', onEnded);
        f();
      };
      v.addEventListener('ended', onEnded);
      v.requestVideoFrameCallback(() => {
        v.pause();
        finish(() => resolve(this.take()));
      });
      v.play().catch((err: unknown) => finish(() => reject(err instanceof Error ? err : new Error(String(err)))));
    });
  }

  private async seek(time: number): Promise<void> {
    this.seeks++;
    await seekFrame(this.v, time);
    if (this.playable) {
      const f = this.take();
      this.hold(f.frame, f.t);
      this.cur = f.t;
    } else this.ctx.drawImage(this.v, 0, 0, this.canvas.width, this.canvas.height);
  }

  /**
   * frameAt leaves in the canvas the frame shown at time (seconds). At the
   * end of the video there is no next frame to confirm the held one: it is
   * taken when it is the video's last frame (it ends within a frame step of
   * the duration), else sought. (Seeking the last sample cost decoding from
   * the last key frame, up to hundreds of frames.)
   */
  async frameAt(time: number): Promise<void> {
    if (this.seekOnly || !this.playable || this.cur === undefined || time < this.cur) return this.seek(time);
    // The frame the video is paused on (it may have moved on a frame past
    // cur after the pause) is the candidate so far, if not past time.
    const f = this.take();
    if (f.t > time) {
      f.frame.close();
      return this.seek(time);
    }
    if (f.t === this.heldAt) f.frame.close();
    else this.hold(f.frame, f.t);
    for (;;) {
      const n = await this.next();
      if (n === null) {
        if (this.heldAt! + 1.5 * this.step >= this.v.duration) return;
        return this.seek(time);
      }
      const gap = n.t - this.heldAt!;
      if (gap <= 1e-6) {
        n.frame.close(); // the same frame again
        continue;
      }
      this.step = Math.min(this.step, gap);
      this.cur = n.t;
      if (gap > 1.5 * this.step) this.setRate(this.rate / 2);
      if (n.t <= time) {
        this.hold(n.frame, n.t);
        continue;
      }
      n.frame.close();
      // n is past time: the held frame is the one, unless the player
      // skipped a frame in between (the rate was halved for it above).
      if (gap > 1.5 * this.step) return this.seek(time);
      if (++this.clean >= 30) this.setRate(this.rate * 1.25);
      return;
    }
  }

}

/**
 * extractVideo runs pose estimation on every sample of the loaded video v
 * and returns the recording. Sample i has t = i/fps and takes the frame shown
 * a quarter of a frame later, so rounding in the container never lands on
 * the previous frame. Times come from the sample index, not from the
 * browser, so the same file and fps always give the same recording.
 */
export async function extractVideo(v: HTMLVideoElement, est: Estimator, o: ExtractOptions = {}): Promise<ExtractResult> {
  const fps = o.fps && o.fps > 0 ? o.fps : await estimateFPS(v);
  const duration = v.duration;
  const total = Math.max(1, Math.floor(duration * fps + 1e-6));
  const header = makeHeader({
    width: v.videoWidth,
    height: v.videoHeight,
    fps,
    ...(o.view ? { view: o.view } : {}),
    ...(o.exercise ? { exercise: o.exercise } : {}),
    runtime: est.runtime,
    model: est.model,
    ...(o.extraHeader ? { extra: o.extraHeader } : {}),
  });
  const rec = new Recorder(header);
  await est.reset();
  // The webgl engine is kept as it was (a seek per sample, the video element
  // as the image) to compare with; the cpu engine steps through the frames.
  const frames = est.engine === 'webgl' ? undefined : new FrameStepper(v, fps, o.seekEveryFrame);
  let poseSeconds = 0;
  let seeks = 0;
  try {
    for (let i = 0; i < total; i++) {
      if (o.signal?.aborted) throw new DOMException('extraction cancelled', 'AbortError');
      const t = i / fps;
      const at = Math.min(t + 0.25 / fps, Math.max(0, duration - 1e-3));
      if (frames) await frames.frameAt(at);
      else {
        await seekFrame(v, at);
        seeks++;
      }
      const start = performance.now();
      const e = await est.estimate(frames?.canvas ?? v, t * 1000);
      poseSeconds += (performance.now() - start) / 1000;
      rec.add(makeFrame(t, e.image, e.world));
      o.onProgress?.(i + 1, total, e, t);
    }
  } finally {
    v.pause();
  }
  return { recorder: rec, fps, frames: rec.frames.length, detected: rec.detected, poseSeconds, seeks: frames?.seeks ?? seeks };
}
