// Live pose estimation on the camera. Frames stay in this page: the camera
// stream feeds a <video> element and MediaPipe reads from it directly.
import type { Estimate, Estimator } from './mediapipe';
import { t } from '../i18n';

/** openCamera asks for the camera and plays it in v. */
export async function openCamera(v: HTMLVideoElement, facingMode: 'user' | 'environment' = 'user'): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new Error(t('error.cameraNeedsHttps'));
  }
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
  v.muted = true;
  v.playsInline = true;
  v.srcObject = stream;
  await v.play();
  if (!(v.videoWidth > 0)) {
    await new Promise<void>((resolve) => v.addEventListener('loadedmetadata', () => resolve(), { once: true }));
  }
  return stream;
}

export function closeCamera(v: HTMLVideoElement, stream: MediaStream | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
  v.srcObject = null;
}

export interface LiveFrame {
  /** Seconds since the loop started. */
  t: number;
  estimate: Estimate;
  /** Milliseconds MediaPipe took for this frame. */
  poseMs: number;
  /** Frames analysed per second over the last few seconds (NaN in the first second). */
  fps: number;
}

/** The span over which runLive measures the frame rate, seconds. */
const FPS_SPAN_S = 3;

/**
 * runLive estimates the pose on each new camera frame until signal aborts,
 * calling onFrame for each. It never queues frames: when MediaPipe is slower
 * than the camera the frames in between are skipped. It follows the frames
 * the camera presents all along, so a frame that came while MediaPipe was
 * busy is taken at once rather than waiting up to a frame period for the
 * one after it; a frame is never estimated twice. It returns once no
 * estimate is running: close the estimator only after that (a model closed
 * during an estimate aborts MediaPipe's WebAssembly).
 */
export async function runLive(
  v: HTMLVideoElement,
  est: Estimator,
  signal: AbortSignal,
  onFrame: (f: LiveFrame) => void,
): Promise<void> {
  const start = performance.now();
  let lastTs = -1;
  const times: number[] = [];
  await est.reset();
  const frames = new FrameWatch(v, signal);
  try {
    while (!signal.aborted) {
      await frames.next();
      if (signal.aborted) break;
      let ts = performance.now() - start;
      if (ts <= lastTs) ts = lastTs + 1;
      lastTs = ts;
      const t0 = performance.now();
      const estimate = await est.estimate(v, ts);
      if (signal.aborted) break;
      const now = (performance.now() - start) / 1000;
      times.push(now);
      while (times.length > 2 && now - times[0]! > FPS_SPAN_S) times.shift();
      const span = now - times[0]!;
      const fps = span >= 1 ? (times.length - 1) / span : Number.NaN;
      onFrame({ t: ts / 1000, estimate, poseMs: performance.now() - t0, fps });
    }
  } finally {
    frames.stop();
  }
}

/**
 * FrameWatch counts the frames a <video> presents (requestVideoFrameCallback,
 * asked again on every frame); next resolves on the first frame not yet
 * taken: at once when one came since the last call. Browsers without
 * requestVideoFrameCallback get the next animation frame instead.
 */
class FrameWatch {
  private presented = 0;
  private taken = 0;
  private wake: (() => void) | undefined;
  private stopped = false;
  private readonly watching: boolean;

  constructor(
    private readonly v: HTMLVideoElement,
    private readonly signal: AbortSignal,
  ) {
    this.watching = 'requestVideoFrameCallback' in v;
    if (this.watching) this.watch();
    signal.addEventListener('abort', () => this.wake?.(), { once: true });
  }

  private watch(): void {
    this.v.requestVideoFrameCallback(() => {
      if (this.stopped) return;
      this.presented++;
      this.wake?.();
      this.watch();
    });
  }

  next(): Promise<void> {
    if (this.signal.aborted) return Promise.resolve();
    if (!this.watching) return new Promise((resolve) => requestAnimationFrame(() => resolve()));
    if (this.presented > this.taken) {
      this.taken = this.presented;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        this.taken = this.presented;
        resolve();
      };
    });
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }
}
