// Draws the blazepose33 skeleton on a canvas laid over the video. The canvas
// holds only lines and dots, never camera pixels, so it can be kept in
// screenshots and replays.
import type { LandmarkTuple, PoseLandmark } from '../recording';

/** Bones of the blazepose33 topology (MediaPipe's POSE_CONNECTIONS). */
export const CONNECTIONS: ReadonlyArray<readonly [number, number]> = [
  [0, 1], [1, 2], [2, 3], [3, 7], [0, 4], [4, 5], [5, 6], [6, 8], [9, 10],
  [11, 12], [11, 13], [13, 15], [15, 17], [15, 19], [15, 21], [17, 19],
  [12, 14], [14, 16], [16, 18], [16, 20], [16, 22], [18, 20], [11, 23],
  [12, 24], [23, 24], [23, 25], [24, 26], [25, 27], [26, 28], [27, 29],
  [28, 30], [29, 31], [30, 32], [27, 31], [28, 32],
];

/** isLeft reports whether landmark i is on the left of the body (1-3, 7, 9 and odd from 11). */
function isLeft(i: number): boolean {
  return i === 1 || i === 2 || i === 3 || i === 7 || i === 9 || (i >= 11 && i % 2 === 1);
}

export interface SkeletonStyle {
  /** Landmarks below this visibility are drawn faint. */
  minVisibility: number;
  lineWidth: number;
}

const DEFAULT_STYLE: SkeletonStyle = { minVisibility: 0.5, lineWidth: 4 };

type Point = readonly [number, number, number, number];

function toPoints(lm: readonly PoseLandmark[] | readonly LandmarkTuple[]): Point[] {
  return lm.map((p) =>
    Array.isArray(p) ? (p as Point) : [(p as PoseLandmark).x, (p as PoseLandmark).y, (p as PoseLandmark).z, (p as PoseLandmark).visibility ?? 0],
  );
}

/**
 * drawSkeleton clears ctx and draws lm (normalized to the canvas size) on it;
 * lm null clears only. Left side orange, right side blue: the colours stay
 * readable on light and dark clothing.
 */
export function drawSkeleton(
  ctx: CanvasRenderingContext2D,
  lm: readonly PoseLandmark[] | readonly LandmarkTuple[] | null,
  style: SkeletonStyle = DEFAULT_STYLE,
): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  if (!lm || lm.length === 0) return;
  const pts = toPoints(lm);
  const scale = Math.max(1, Math.min(width, height) / 360);
  ctx.lineCap = 'round';
  ctx.lineWidth = style.lineWidth * scale;
  for (const [a, b] of CONNECTIONS) {
    const p = pts[a];
    const q = pts[b];
    if (!p || !q) continue;
    const vis = Math.min(p[3], q[3]);
    ctx.globalAlpha = vis >= style.minVisibility ? 0.95 : 0.3;
    ctx.strokeStyle = isLeft(a) && isLeft(b) ? '#ff9f1c' : !isLeft(a) && !isLeft(b) ? '#2ec4ff' : '#ffffff';
    ctx.beginPath();
    ctx.moveTo(p[0] * width, p[1] * height);
    ctx.lineTo(q[0] * width, q[1] * height);
    ctx.stroke();
  }
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    ctx.globalAlpha = p[3] >= style.minVisibility ? 1 : 0.3;
    ctx.fillStyle = isLeft(i) ? '#ff9f1c' : i === 0 ? '#ffffff' : '#2ec4ff';
    ctx.beginPath();
    ctx.arc(p[0] * width, p[1] * height, 3.5 * scale, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}
