// Loads MediaPipe Pose from our own server (/mediapipe/, copied from the npm
// package at build time) and wraps it as a one-frame-at-a-time estimator.
// Images go into the WebAssembly graph in this page and nowhere else.
import type { Options, Pose as PoseClass, PoseConfig, Results } from '@mediapipe/pose';
import type { Model, PoseLandmark } from '../recording';

/** Where the MediaPipe files are served, relative to the app's base URL. */
export const MEDIAPIPE_DIR = `${import.meta.env.BASE_URL}mediapipe/`;

interface MediaPipeGlobals {
  Pose?: new (config?: PoseConfig) => PoseClass;
  VERSION?: string;
}

let loading: Promise<Required<MediaPipeGlobals>> | undefined;

/**
 * loadMediaPipe adds pose.js to the page once and resolves with its globals.
 * pose.js is a closure-compiled script that sets window.Pose; bundling it as
 * an ES module breaks it, so it is loaded as a classic script.
 */
export function loadMediaPipe(): Promise<Required<MediaPipeGlobals>> {
  if (loading) return loading;
  loading = new Promise((resolve, reject) => {
    const g = globalThis as unknown as MediaPipeGlobals;
    const done = () => {
      if (g.Pose && g.VERSION) resolve({ Pose: g.Pose, VERSION: g.VERSION });
      else reject(new Error('MediaPipe Pose loaded but did not define Pose'));
    };
    if (g.Pose) return done();
    const s = document.createElement('script');
    s.src = `${MEDIAPIPE_DIR}pose.js`;
    s.async = true;
    s.onload = done;
    s.onerror = () => {
      loading = undefined;
      reject(new Error(`could not load ${s.src}: is the web app built (make web)?`));
    };
    document.head.appendChild(s);
  });
  return loading;
}

/**
 * DEFAULT_MODEL is the pose model the live pages use: the more accurate of
 * the two on the real-footage regression set (docs/validation-real.md; the
 * lite model folded a reaching arm it could not see under the shoulder).
 * The same choice as extract's default (stretchwise.DefaultPoseModel).
 */
export const DEFAULT_MODEL: Model = 'full';

/** One estimate: image and world landmarks, or null when no person was found. */
export interface Estimate {
  image: PoseLandmark[] | null;
  world: PoseLandmark[] | null;
}

export interface EstimatorOptions {
  model: Model;
  /** Smooth landmarks across frames (MediaPipe's own filter). Default true. */
  smooth?: boolean;
  minDetectionConfidence?: number;
  minTrackingConfidence?: number;
}

/**
 * Estimator runs MediaPipe Pose on one image at a time. Calls must not
 * overlap: await each estimate before the next. Timestamps (milliseconds)
 * must increase; they drive MediaPipe's tracking and smoothing, so giving
 * video time rather than wall-clock time makes file extraction deterministic.
 */
export class Estimator {
  readonly model: Model;
  readonly version: string;
  private readonly pose: PoseClass;
  private last: Results | undefined;
  private busy = false;

  private constructor(pose: PoseClass, model: Model, version: string) {
    this.pose = pose;
    this.model = model;
    this.version = version;
    this.pose.onResults((r) => {
      this.last = r;
    });
  }

  static async create(o: EstimatorOptions): Promise<Estimator> {
    const mp = await loadMediaPipe();
    const pose = new mp.Pose({ locateFile: (file: string) => `${MEDIAPIPE_DIR}${file}` });
    const opts: Options = {
      selfieMode: false,
      modelComplexity: o.model === 'full' ? 1 : 0,
      smoothLandmarks: o.smooth ?? true,
      enableSegmentation: false,
      minDetectionConfidence: o.minDetectionConfidence ?? 0.5,
      minTrackingConfidence: o.minTrackingConfidence ?? 0.5,
    };
    pose.setOptions(opts);
    await pose.initialize();
    return new Estimator(pose, o.model, mp.VERSION);
  }

  /** estimate runs the model on image at timestampMs. */
  async estimate(image: HTMLVideoElement | HTMLCanvasElement | HTMLImageElement, timestampMs: number): Promise<Estimate> {
    if (this.busy) throw new Error('Estimator.estimate called while a frame is still running');
    this.busy = true;
    this.last = undefined;
    try {
      await this.pose.send({ image }, timestampMs);
    } finally {
      this.busy = false;
    }
    const r = this.last as Results | undefined;
    const image33 = r?.poseLandmarks && r.poseLandmarks.length > 0 ? r.poseLandmarks : null;
    const world33 = image33 && r?.poseWorldLandmarks && r.poseWorldLandmarks.length > 0 ? r.poseWorldLandmarks : null;
    return { image: image33, world: world33 };
  }

  /** reset forgets the tracked person, e.g. before a new video. */
  reset(): void {
    this.pose.reset();
  }

  async close(): Promise<void> {
    await this.pose.close();
  }
}
