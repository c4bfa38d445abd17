// The pose graph the cpu engine runs: MediaPipe Pose's tracking loop (the
// graph of @mediapipe/pose, the webgl engine) built from the parts of
// MediaPipe Tasks, so that both engines crop and smooth alike.
//
// Tasks' own PoseLandmarkerGraph differs from the old graph in how it tracks:
// it crops the next frame around the raw auxiliary landmarks (the body centre
// and scale points the landmark network outputs beside the 33), while the old
// graph smooths those first (one-euro filter, min cutoff 0.01, beta 10), so its
// crop stays put while the person holds still; and it scales the landmark
// filter by the next frame's crop rather than by the box of the auxiliary
// landmarks. The networks see other crops and give other landmarks: a median
// of 0.0079 image heights from the webgl engine's on the bird-dog clip
// (docs/benchmarks.md). The graph below is the old PoseLandmarkGpu and
// PoseLandmarkFiltering node for node (their configs read from the old
// WebAssembly), with Tasks' PoseDetectorGraph and
// SinglePoseLandmarksDetectorGraph in place of PoseDetectionGpu and
// PoseLandmarkByRoiGpu, which run the same networks with the same crops
// (224x224 letterboxed, pixels to [-1, 1]; 256x256, pixels to [0, 1]).
//
// The graph is a CalculatorGraphConfig in protobuf's binary form, written by
// the few lines of encoder below. Calculator options are proto2 extensions of
// CalculatorOptions (numbers as in MediaPipe's .proto files); the Tasks
// subgraphs take theirs as google.protobuf.Any, as Tasks itself passes them.

// ---- protobuf wire format ----

type Bytes = Uint8Array;

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

const concat = (parts: Bytes[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const key = (field: number, wire: number) => varint(field * 8 + wire);
/** msg concatenates encoded fields into a message. */
export const msg = (...fields: Bytes[]): Bytes => concat(fields);
export const uint = (field: number, v: number): Bytes => new Uint8Array([...key(field, 0), ...varint(v)]);
export const bool = (field: number, v: boolean): Bytes => uint(field, v ? 1 : 0);
export function float(field: number, v: number): Bytes {
  const b = new Uint8Array(key(field, 5).length + 4);
  const k = key(field, 5);
  b.set(k);
  new DataView(b.buffer).setFloat32(k.length, v, true);
  return b;
}
export const bytes = (field: number, v: Bytes): Bytes => concat([new Uint8Array([...key(field, 2), ...varint(v.length)]), v]);
export const str = (field: number, s: string): Bytes => bytes(field, new TextEncoder().encode(s));

// ---- CalculatorGraphConfig (mediapipe/framework/calculator.proto) ----

export interface Node {
  calculator: string;
  inputs?: string[];
  outputs?: string[];
  /** The one option extension: [number, message]. */
  ext?: [number, Bytes];
  /** Options as google.protobuf.Any: [type name, message]. */
  any?: [string, Bytes];
  /** The input stream (by tag) that is a back edge of a loop. */
  backEdge?: string;
}

function node(n: Node): Bytes {
  const f: Bytes[] = [str(2, n.calculator)];
  for (const s of n.inputs ?? []) f.push(str(3, s));
  for (const s of n.outputs ?? []) f.push(str(4, s));
  if (n.ext) f.push(bytes(7, bytes(n.ext[0], n.ext[1])));
  if (n.any) f.push(bytes(8, msg(str(1, `type.googleapis.com/${n.any[0]}`), bytes(2, n.any[1]))));
  if (n.backEdge) f.push(bytes(13, msg(str(1, n.backEdge), bool(2, true))));
  return msg(...f);
}

// Extension numbers of the calculators' options (their .proto files).
const GATE = 261754847;
const SPLIT_VECTOR = 259438222;
const DETECTIONS_TO_RECTS = 262691807;
const RECT_TRANSFORMATION = 262226312;
const LANDMARKS_SMOOTHING = 325671429;
const VISIBILITY_SMOOTHING = 360207350;

/** oneEuro is LandmarksSmoothingCalculatorOptions with a one-euro filter. */
const oneEuro = (minCutoff: number, beta: number, derivateCutoff: number, disableValueScaling = false) =>
  msg(bytes(3, msg(float(2, minCutoff), float(3, beta), float(4, derivateCutoff), ...(disableValueScaling ? [bool(6, true)] : []))));
/** lowPass is VisibilitySmoothingCalculatorOptions with a low-pass filter. */
const lowPass = (alpha: number) => msg(bytes(2, msg(float(1, alpha))));
/** alignmentPoints: the box from keypoint 0 (centre) to 1 (scale), turned so that 0->1 points up. */
const alignmentPoints = msg(uint(1, 0), uint(2, 1), float(4, 90));

export interface PoseGraphOptions {
  /** The person detector (pose_detector.tflite of the bundle, with its metadata). */
  detector: Bytes;
  /** The landmark network (pose_landmarks_detector.tflite of the bundle). */
  landmarks: Bytes;
  /** Person detector score to accept a person (the old graph's minDetectionConfidence). */
  minDetectionConfidence: number;
  /** Landmark network's presence score to keep tracking (the old graph's minTrackingConfidence). */
  minTrackingConfidence: number;
}

/** Tasks' BaseOptions: the model in the message, networks on the CPU (TFLite with XNNPACK). */
const baseOptions = (model: Bytes) => msg(bytes(1, bytes(1, model)), bytes(3, bytes(4, new Uint8Array())));

/**
 * smoothing returns the two nodes that filter landmarks from stream `from`
 * into stream `to`: their visibility (low-pass, alpha 0.1), then their
 * coordinates by `filter`. Image landmarks (`image`) are scaled by the box of
 * the raw auxiliary landmarks; world landmarks, in metres, are not.
 */
function smoothing(from: string, to: string, filter: Bytes, image: boolean): Node[] {
  const tag = image ? 'NORM_' : '';
  return [
    {
      calculator: 'VisibilitySmoothingCalculator',
      inputs: [`${tag}LANDMARKS:${from}`],
      outputs: [`${tag}FILTERED_LANDMARKS:${from}_visibility`],
      ext: [VISIBILITY_SMOOTHING, lowPass(0.1)],
    },
    {
      calculator: 'LandmarksSmoothingCalculator',
      inputs: [`${tag}LANDMARKS:${from}_visibility`, ...(image ? ['IMAGE_SIZE:image_size', 'OBJECT_SCALE_ROI:object_scale_roi'] : [])],
      outputs: [`${tag}FILTERED_LANDMARKS:${to}`],
      ext: [LANDMARKS_SMOOTHING, filter],
    },
  ];
}

/** poseNodes returns the nodes of the graph, in the old graph's order. */
export function poseNodes(o: PoseGraphOptions): Node[] {
  return [
    // Tasks sends this stream to free memory; the graph lets it through.
    { calculator: 'PassThroughCalculator', inputs: ['free_memory'], outputs: ['free_memory_unused_out'] },
    // The crop around the person found in the frame before, if any.
    {
      calculator: 'PreviousLoopbackCalculator',
      inputs: ['MAIN:image_in', 'LOOP:pose_rect_from_landmarks'],
      outputs: ['PREV_LOOP:prev_pose_rect_from_landmarks'],
      backEdge: 'LOOP',
    },
    {
      calculator: 'PacketPresenceCalculator',
      inputs: ['PACKET:prev_pose_rect_from_landmarks'],
      outputs: ['PRESENCE:prev_pose_rect_from_landmarks_is_present'],
    },
    // The detector runs only when no person is tracked.
    {
      calculator: 'GateCalculator',
      inputs: ['image_in', 'norm_rect', 'DISALLOW:prev_pose_rect_from_landmarks_is_present'],
      outputs: ['image_for_pose_detection', 'norm_rect_for_pose_detection'],
      ext: [GATE, msg(bool(1, true))], // empty_packets_as_allow
    },
    {
      calculator: 'mediapipe.tasks.vision.pose_detector.PoseDetectorGraph',
      inputs: ['IMAGE:image_for_pose_detection', 'NORM_RECT:norm_rect_for_pose_detection'],
      outputs: ['EXPANDED_POSE_RECTS:pose_rects_from_detection'],
      any: [
        'mediapipe.tasks.vision.pose_detector.proto.PoseDetectorGraphOptions',
        msg(bytes(1, baseOptions(o.detector)), float(2, o.minDetectionConfidence), float(3, 0.3), uint(4, 1)),
      ],
    },
    {
      calculator: 'SplitNormalizedRectVectorCalculator',
      inputs: ['pose_rects_from_detection'],
      outputs: ['pose_rect_from_detection'],
      ext: [SPLIT_VECTOR, msg(bytes(1, msg(uint(1, 0), uint(2, 1))), bool(2, true))], // the first, as an element
    },
    { calculator: 'MergeCalculator', inputs: ['pose_rect_from_detection', 'prev_pose_rect_from_landmarks'], outputs: ['pose_rect'] },
    {
      calculator: 'mediapipe.tasks.vision.pose_landmarker.SinglePoseLandmarksDetectorGraph',
      inputs: ['IMAGE:image_in', 'NORM_RECT:pose_rect'],
      outputs: [
        'LANDMARKS:unfiltered_pose_landmarks',
        'WORLD_LANDMARKS:unfiltered_world_landmarks',
        'AUXILIARY_LANDMARKS:unfiltered_auxiliary_landmarks',
      ],
      any: [
        'mediapipe.tasks.vision.pose_landmarker.proto.PoseLandmarksDetectorGraphOptions',
        msg(bytes(1, baseOptions(o.landmarks)), float(2, o.minTrackingConfidence)),
      ],
    },
    { calculator: 'ImagePropertiesCalculator', inputs: ['IMAGE:image_in'], outputs: ['SIZE:image_size'] },

    // PoseLandmarkFiltering. The scale of the person for the filters: the
    // box of the raw auxiliary landmarks.
    { calculator: 'LandmarksToDetectionCalculator', inputs: ['NORM_LANDMARKS:unfiltered_auxiliary_landmarks'], outputs: ['DETECTION:aux_detection'] },
    {
      calculator: 'AlignmentPointsRectsCalculator',
      inputs: ['DETECTION:aux_detection', 'IMAGE_SIZE:image_size'],
      outputs: ['NORM_RECT:object_scale_roi'],
      ext: [DETECTIONS_TO_RECTS, alignmentPoints],
    },
    ...smoothing('unfiltered_pose_landmarks', 'pose_landmarks', oneEuro(0.05, 80, 1), true),
    ...smoothing('unfiltered_world_landmarks', 'pose_world_landmarks', oneEuro(0.1, 40, 1, true), false),
    // The auxiliary landmarks are smoothed harder, so the crop holds still
    // while the person does.
    ...smoothing('unfiltered_auxiliary_landmarks', 'auxiliary_landmarks', oneEuro(0.01, 10, 1), true),

    // PoseLandmarksToRoi: the crop of the next frame, from the smoothed auxiliary landmarks.
    { calculator: 'LandmarksToDetectionCalculator', inputs: ['NORM_LANDMARKS:auxiliary_landmarks'], outputs: ['DETECTION:roi_detection'] },
    {
      calculator: 'AlignmentPointsRectsCalculator',
      inputs: ['DETECTION:roi_detection', 'IMAGE_SIZE:image_size'],
      outputs: ['NORM_RECT:raw_roi'],
      ext: [DETECTIONS_TO_RECTS, alignmentPoints],
    },
    {
      calculator: 'RectTransformationCalculator',
      inputs: ['NORM_RECT:raw_roi', 'IMAGE_SIZE:image_size'],
      outputs: ['pose_rect_from_landmarks'],
      ext: [RECT_TRANSFORMATION, msg(float(1, 1.25), float(2, 1.25), bool(7, true))], // scale_x, scale_y, square_long
    },

    { calculator: 'ConcatenateNormalizedLandmarkListVectorCalculator', inputs: ['pose_landmarks'], outputs: ['normalized_landmarks'] },
    { calculator: 'ConcatenateLandmarkListVectorCalculator', inputs: ['pose_world_landmarks'], outputs: ['world_landmarks'] },
  ];
}

/** extBytes is a node's option extension as it appears in CalculatorOptions. */
export const extBytes = (n: Node): Bytes | undefined => n.ext && bytes(n.ext[0], n.ext[1]);

/**
 * poseGraph returns the graph as a binary CalculatorGraphConfig. Its streams
 * are those of Tasks' PoseLandmarker ("image_in" and "norm_rect" in;
 * "normalized_landmarks" and "world_landmarks" out, each a list of one pose
 * or none), so PoseLandmarker runs it in place of its own graph.
 */
export function poseGraph(o: PoseGraphOptions): Bytes {
  return msg(
    ...poseNodes(o).map((n) => bytes(1, node(n))),
    str(10, 'image_in'),
    str(10, 'norm_rect'),
    str(10, 'free_memory'),
    str(15, 'normalized_landmarks'),
    str(15, 'world_landmarks'),
  );
}

/**
 * unzipStored returns the files of a zip archive written without
 * compression (the .task bundles of scripts/pose-task.mjs).
 */
export function unzipStored(zip: Bytes): Map<string, Bytes> {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const files = new Map<string, Bytes>();
  let at = 0;
  while (at + 30 <= zip.length && v.getUint32(at, true) === 0x04034b50) {
    if (v.getUint16(at + 8, true) !== 0) throw new Error(`model bundle: ${at}: compressed entry`); // not text: a build mistake
    const size = v.getUint32(at + 18, true);
    const nameLen = v.getUint16(at + 26, true);
    const extraLen = v.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLen));
    const start = at + 30 + nameLen + extraLen;
    files.set(name, zip.subarray(start, start + size));
    at = start + size;
  }
  return files;
}
