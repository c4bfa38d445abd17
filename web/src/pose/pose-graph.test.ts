// The cpu engine's graph must track and smooth as the old graph
// (@mediapipe/pose, the webgl engine) does: every calculator option it sets
// is, byte for byte, one the old graph's WebAssembly holds, and the crop of
// the next frame comes from the smoothed auxiliary landmarks.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { extBytes, poseGraph, poseNodes, unzipStored, type Node } from './pose-graph';

const opts = { detector: new Uint8Array([1]), landmarks: new Uint8Array([2]), minDetectionConfidence: 0.5, minTrackingConfidence: 0.5 };

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = hay.indexOf(needle[0]!); i >= 0 && i + needle.length <= hay.length; i = hay.indexOf(needle[0]!, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** producer returns the node that writes stream s (a name, with or without its tag). */
const producer = (nodes: Node[], s: string) => nodes.find((n) => (n.outputs ?? []).some((o) => o === s || o.endsWith(`:${s}`)));
const inputNames = (n: Node) => (n.inputs ?? []).map((i) => i.split(':').pop());

describe('poseGraph', () => {
  const old = new Uint8Array(readFileSync(new URL('../../node_modules/@mediapipe/pose/pose_solution_simd_wasm_bin.wasm', import.meta.url)));
  const nodes = poseNodes(opts);

  it('sets only options the old graph sets', () => {
    const withOptions = nodes.filter((n) => n.ext);
    expect(withOptions.length).toBe(11);
    for (const n of withOptions) expect(contains(old, extBytes(n)!), `${n.calculator} ${n.outputs}`).toBe(true);
  });

  it('crops the next frame around the smoothed auxiliary landmarks', () => {
    const chain: string[] = [];
    let s = 'pose_rect_from_landmarks';
    for (let n = producer(nodes, s); n; n = producer(nodes, s)) {
      chain.push(n.calculator);
      s = inputNames(n)[0]!;
      if (n.calculator === 'LandmarksSmoothingCalculator') {
        // min cutoff 0.01, beta 10: the old graph's filter of the auxiliary landmarks
        expect(Array.from(extBytes(n)!)).toEqual([0xaa, 0xa0, 0xab, 0xda, 0x09, 0x11, 0x1a, 0x0f, 0x15, 0x0a, 0xd7, 0x23, 0x3c, 0x1d, 0, 0, 0x20, 0x41, 0x25, 0, 0, 0x80, 0x3f]);
      }
    }
    expect(chain).toEqual([
      'RectTransformationCalculator',
      'AlignmentPointsRectsCalculator',
      'LandmarksToDetectionCalculator',
      'LandmarksSmoothingCalculator',
      'VisibilitySmoothingCalculator',
      'mediapipe.tasks.vision.pose_landmarker.SinglePoseLandmarksDetectorGraph',
    ]);
    // and the landmark network's crop is that one, or the detector's when none
    expect(producer(nodes, 'pose_rect')?.inputs).toEqual(['pose_rect_from_detection', 'prev_pose_rect_from_landmarks']);
  });

  it('writes every stream it reads, but the inputs', () => {
    const inputs = new Set(['image_in', 'norm_rect', 'free_memory']);
    for (const n of nodes) for (const s of inputNames(n)) expect(inputs.has(s!) || producer(nodes, s!) !== undefined, s).toBe(true);
    const graph = poseGraph(opts);
    expect(graph.length).toBeGreaterThan(1000);
  });
});

describe('unzipStored', () => {
  it('reads the bundle the build writes', async () => {
    // @ts-expect-error: a build script in JavaScript, without types
    const { zipStored } = (await import('../../scripts/pose-task.mjs')) as { zipStored: (f: [string, Uint8Array][]) => Uint8Array };
    const files = unzipStored(new Uint8Array(zipStored([['a.tflite', new Uint8Array([1, 2, 3])], ['b.tflite', new Uint8Array([4])]])));
    expect([...files.keys()]).toEqual(['a.tflite', 'b.tflite']);
    expect(Array.from(files.get('b.tflite')!)).toEqual([4]);
  });
});
