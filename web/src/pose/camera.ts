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
 * than the camera the frames in between are skipped. It returns once no
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
  while (!signal.aborted) {
    await nextFrame(v, signal);
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
}

function nextFrame(v: HTMLVideoElement, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    if ('requestVideoFrameCallback' in v) v.requestVideoFrameCallback(() => done());
    else requestAnimationFrame(() => done());
  });
}
