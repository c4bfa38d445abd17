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
 * seekFrame seeks to time (seconds) and resolves once the frame there is
 * decoded and presented. 'seeked' alone is not enough: on a busy machine
 * Chromium can still hand WebGL the previous frame right after it, which
 * made extraction differ from run to run. requestVideoFrameCallback fires
 * when the sought frame is presented; a timeout keeps browsers that never
 * fire it working.
 */
async function seekFrame(v: HTMLVideoElement, time: number): Promise<void> {
  let presented: Promise<void> | undefined;
  if ('requestVideoFrameCallback' in v) {
    presented = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      v.requestVideoFrameCallback(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  const seeked = once(v, 'seeked', 30_000);
  v.currentTime = time;
  await seeked;
  if (presented) await presented;
}

/**
 * extractVideo runs pose estimation on every sample of the loaded video v
 * and returns the recording. Sample i has t = i/fps and is sought a quarter
 * of a frame later, so rounding in the container never lands on the
 * previous frame. Times come from the sample index, not from the browser,
 * so the same file and fps always give the same recording.
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
  let poseSeconds = 0;
  for (let i = 0; i < total; i++) {
    if (o.signal?.aborted) throw new DOMException('extraction cancelled', 'AbortError');
    const t = i / fps;
    await seekFrame(v, Math.min(t + 0.25 / fps, Math.max(0, duration - 1e-3)));
    const start = performance.now();
    const e = await est.estimate(v, t * 1000);
    poseSeconds += (performance.now() - start) / 1000;
    rec.add(makeFrame(t, e.image, e.world));
    o.onProgress?.(i + 1, total, e, t);
  }
  return { recorder: rec, fps, frames: rec.frames.length, detected: rec.detected, poseSeconds };
}
