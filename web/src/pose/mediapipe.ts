// Pose estimation with MediaPipe, from files on our own server (/mediapipe/,
// copied or built from the npm packages at build time), one frame at a time.
// Images go into the WebAssembly code in this page and nowhere else.
//
// Two engines run the same BlazePose networks (the models of @mediapipe/pose):
//   cpu    MediaPipe Tasks' PoseLandmarker with the networks on the CPU
//          (XNNPACK, WebAssembly SIMD), running the old graph's tracking
//          loop (pose-graph.ts) rather than its own. The default: on a
//          machine without a GPU it is many times faster (docs/benchmarks.md).
//   webgl  the older MediaPipe Pose graph, networks and image work in WebGL;
//          kept for comparison (stretchwise extract --engine webgl).
import type { Options, Pose as PoseClass, PoseConfig, Results } from '@mediapipe/pose';
import { FilesetResolver, PoseLandmarker } from '@mediapipe/tasks-vision';
import type { Model, PoseLandmark } from '../recording';
import { poseGraph, unzipStored } from './pose-graph';

/** Where the MediaPipe files are served, relative to the app's base URL. */
export const MEDIAPIPE_DIR = `${import.meta.env.BASE_URL}mediapipe/`;

/** The version of @mediapipe/tasks-vision in package.json (a unit test keeps them equal). */
export const TASKS_VISION_VERSION = '1.1.0';

/**
 * DEFAULT_MODEL is the pose model the live pages use: the more accurate of
 * the two on the real-footage regression set (docs/validation-real.md; the
 * lite model folded a reaching arm it could not see under the shoulder).
 * The same choice as extract's default (stretchwise.DefaultPoseModel).
 */
export const DEFAULT_MODEL: Model = 'full';

export type Engine = 'cpu' | 'webgl';
export const ENGINES: readonly Engine[] = ['cpu', 'webgl'];

/** One estimate: image and world landmarks, or null when no person was found. */
export interface Estimate {
  image: PoseLandmark[] | null;
  world: PoseLandmark[] | null;
}

export interface EstimatorOptions {
  model: Model;
  /** Default: the page's ?engine= (benchmarks compare the two), else cpu. */
  engine?: Engine;
  minDetectionConfidence?: number;
  minTrackingConfidence?: number;
}

export type PoseImage = HTMLVideoElement | HTMLCanvasElement | HTMLImageElement;

/**
 * Estimator runs pose estimation on one image at a time. Calls must not
 * overlap: await each estimate before the next. Timestamps (milliseconds)
 * must increase; they drive MediaPipe's tracking and smoothing, so giving
 * video time rather than wall-clock time makes file extraction deterministic.
 */
export abstract class Estimator {
  readonly model: Model;
  readonly engine: Engine;
  /** The runtime and its version, for the recording's source field. */
  readonly runtime: string;
  private busy = false;

  protected constructor(model: Model, engine: Engine, runtime: string) {
    this.model = model;
    this.engine = engine;
    this.runtime = runtime;
  }

  static create(o: EstimatorOptions): Promise<Estimator> {
    const engine = o.engine ?? new URLSearchParams(location.search).get('engine');
    return engine === 'webgl' ? GraphEstimator.open(o) : TasksEstimator.open(o);
  }

  /** estimate runs the model on image at timestampMs. */
  async estimate(image: PoseImage, timestampMs: number): Promise<Estimate> {
    if (this.busy) throw new Error('Estimator.estimate called while a frame is still running'); // not text: a programming mistake
    this.busy = true;
    try {
      return await this.run(image, timestampMs);
    } finally {
      this.busy = false;
    }
  }

  protected abstract run(image: PoseImage, timestampMs: number): Promise<Estimate>;

  /** reset forgets the tracked person, e.g. before a new video. */
  abstract reset(): Promise<void>;

  abstract close(): Promise<void>;
}

const found = <T>(list: T[] | undefined): T[] | null => (list && list.length > 0 ? list : null);

// ---- cpu: MediaPipe Tasks ----

/** The bundle of detector and landmark network web/scripts/pose-task.mjs builds. */
export const taskFile = (model: Model) => `${MEDIAPIPE_DIR}pose_landmarker_${model}.task`;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load ${url} (${r.status}): is the web app built (make web)?`);
  return new Uint8Array(await r.arrayBuffer());
}

let guarded = false;

/**
 * guardTasks prepares the page for the Tasks runtime, once. Tasks 1.1.0
 * sends usage statistics to a Google server (odml.pa.googleapis.com) every
 * minute and on close; this app sends nothing to any server but its own, so
 * fetches to other origins are refused here, before they leave the page.
 * And the runtime prints TFLite's "INFO: Created TensorFlow Lite XNNPACK
 * delegate" through console.error, which is not an error: lines starting
 * with "INFO: " go to console.info instead.
 */
function guardTasks(): void {
  if (guarded) return;
  guarded = true;
  const fetchHome = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin !== location.origin) return Promise.reject(new TypeError(`refused a request to ${url.origin}: this app sends nothing to other servers`));
    return fetchHome(input, init);
  };
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('INFO: ')) console.info(...args);
    else error(...args);
  };
}

type GraphRunner = { setGraph?: (graph: Uint8Array, binary: boolean) => void };

/** The graph each PoseLandmarker runs, and the one for the landmarker being created. */
const graphs = new WeakMap<object, Uint8Array>();
let nextGraph: Uint8Array | undefined;
let creating: Promise<unknown> = Promise.resolve();

/**
 * withGraph runs create (a PoseLandmarker.createFromOptions) so that the
 * landmarker runs graph in place of its own. PoseLandmarker builds its graph,
 * attaches its result listeners and hands the graph to setGraph (TaskRunner's,
 * not in the typings) while it is created and on every setOptions; setGraph
 * is given this graph instead, which keeps the stream names. Creations run
 * one at a time, so that each landmarker takes its own graph.
 */
function withGraph(graph: Uint8Array, create: () => Promise<PoseLandmarker>): Promise<PoseLandmarker> {
  const proto = PoseLandmarker.prototype as unknown as GraphRunner;
  if (!graphs.has(proto)) {
    const setGraph = proto.setGraph;
    if (typeof setGraph !== 'function') throw new Error(`@mediapipe/tasks-vision ${TASKS_VISION_VERSION}: PoseLandmarker has no setGraph`); // not text: a dependency mismatch
    proto.setGraph = function (this: object, own: Uint8Array, binary: boolean) {
      if (!graphs.has(this) && nextGraph) graphs.set(this, nextGraph);
      const mine = graphs.get(this);
      setGraph.call(this, mine ?? own, mine ? true : binary);
    };
    graphs.set(proto, new Uint8Array());
  }
  const run = async () => {
    nextGraph = graph;
    try {
      return await create();
    } finally {
      nextGraph = undefined;
    }
  };
  const landmarker = creating.then(run, run);
  creating = landmarker.catch(() => undefined);
  return landmarker;
}

class TasksEstimator extends Estimator {
  private landmarker: PoseLandmarker;
  private sent = false;

  private constructor(
    landmarker: PoseLandmarker,
    private readonly o: EstimatorOptions,
  ) {
    super(o.model, 'cpu', `mediapipe-tasks-vision ${TASKS_VISION_VERSION}`);
    this.landmarker = landmarker;
  }

  /**
   * landmarker opens a PoseLandmarker that runs the tracking graph of the
   * old pipeline (pose-graph.ts) in place of its own.
   */
  private static async landmarker(o: EstimatorOptions): Promise<PoseLandmarker> {
    guardTasks();
    const [files, bundle] = await Promise.all([FilesetResolver.forVisionTasks(`${MEDIAPIPE_DIR}tasks`), fetchBytes(taskFile(o.model))]);
    const models = unzipStored(bundle);
    const detector = models.get('pose_detector.tflite');
    const landmarks = models.get('pose_landmarks_detector.tflite');
    if (!detector || !landmarks) throw new Error(`${taskFile(o.model)}: no pose_detector.tflite or pose_landmarks_detector.tflite`); // not text: a build mistake
    const graph = poseGraph({
      detector,
      landmarks,
      minDetectionConfidence: o.minDetectionConfidence ?? 0.5,
      minTrackingConfidence: o.minTrackingConfidence ?? 0.5,
    });
    return withGraph(graph, () =>
      PoseLandmarker.createFromOptions(files, {
        baseOptions: { modelAssetBuffer: bundle, delegate: 'CPU' },
        runningMode: 'VIDEO',
        numPoses: 1,
        outputSegmentationMasks: false,
      }),
    );
  }

  static async open(o: EstimatorOptions): Promise<Estimator> {
    return new TasksEstimator(await TasksEstimator.landmarker(o), o);
  }

  protected async run(image: PoseImage, timestampMs: number): Promise<Estimate> {
    this.sent = true;
    // detectForVideo runs the networks synchronously on this thread (tens of
    // milliseconds); called straight from a frame callback it would hold
    // every other task of the page (clicks, dialogs) behind the next frame.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const r = this.landmarker.detectForVideo(image, timestampMs);
    const image33 = found(r.landmarks[0]);
    return { image: image33, world: image33 && found(r.worldLandmarks[0]) };
  }

  /** Tasks has no reset: a fresh landmarker forgets the person (and takes timestamps from 0). */
  async reset(): Promise<void> {
    if (!this.sent) return;
    const fresh = await TasksEstimator.landmarker(this.o);
    this.landmarker.close();
    this.landmarker = fresh;
    this.sent = false;
  }

  close(): Promise<void> {
    this.landmarker.close();
    return Promise.resolve();
  }
}

// ---- webgl: the MediaPipe Pose graph ----

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
function loadMediaPipe(): Promise<Required<MediaPipeGlobals>> {
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

class GraphEstimator extends Estimator {
  private readonly pose: PoseClass;
  private last: Results | undefined;

  private constructor(pose: PoseClass, model: Model, version: string) {
    super(model, 'webgl', `mediapipe-pose ${version}`);
    this.pose = pose;
    this.pose.onResults((r) => {
      this.last = r;
    });
  }

  static async open(o: EstimatorOptions): Promise<Estimator> {
    const mp = await loadMediaPipe();
    const pose = new mp.Pose({ locateFile: (file: string) => `${MEDIAPIPE_DIR}${file}` });
    const opts: Options = {
      selfieMode: false,
      modelComplexity: o.model === 'full' ? 1 : 0,
      smoothLandmarks: true,
      enableSegmentation: false,
      minDetectionConfidence: o.minDetectionConfidence ?? 0.5,
      minTrackingConfidence: o.minTrackingConfidence ?? 0.5,
    };
    pose.setOptions(opts);
    await pose.initialize();
    return new GraphEstimator(pose, o.model, mp.VERSION);
  }

  protected async run(image: PoseImage, timestampMs: number): Promise<Estimate> {
    this.last = undefined;
    await this.pose.send({ image }, timestampMs);
    const r = this.last as Results | undefined;
    const image33 = found(r?.poseLandmarks);
    return { image: image33, world: image33 && found(r?.poseWorldLandmarks) };
  }

  reset(): Promise<void> {
    this.pose.reset();
    return Promise.resolve();
  }

  close(): Promise<void> {
    return this.pose.close();
  }
}
