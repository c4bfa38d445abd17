// The landmark recording format, version 1 (docs/recording-format.md): JSON
// Lines, a header object then one object per frame. This module builds
// recordings from MediaPipe Pose results; the Go side reads and validates
// them (package recording).

/** MediaPipe Pose's 33 landmarks, in its index order (topology blazepose33). */
export const NUM_LANDMARKS = 33;

import type { RecordingFrame, RecordingHeader, View } from './engine.gen';

export type { View };

/** Camera views of the format: the named side of the body faces the camera (every View, which is Go's stretchwise.Views). */
export const VIEWS = [
  'front', 'rear', 'left', 'right', 'front-left', 'front-right', 'rear-left', 'rear-right', 'unknown',
] as const satisfies readonly View[];
/** tsc fails here when Go has a view this list lacks. */
const allViews: [Exclude<View, (typeof VIEWS)[number]>] extends [never] ? true : never = true;
void allViews;

/** Exercises the analysis knows; other names are allowed and analyzed as unknown. */
export const EXERCISES = ['bird-dog', 'thomas-test', 'half-kneeling-hip-flexor', 'unknown'] as const;
export type Exercise = string;

/** Pose models offered: MediaPipe's lite (modelComplexity 0) and full (1). */
export type Model = 'lite' | 'full';

/** One landmark as written: [x, y, z, visibility]. */
export type LandmarkTuple = [number, number, number, number];

/** The header line (Go's stretchwise.Header) with the format's constants; other keys are kept. */
export type Header = RecordingHeader & {
  format: 'stretchwise-recording';
  version: 1;
  topology: 'blazepose33';
  [key: string]: unknown;
};

/**
 * A frame line (Go's recording.FrameLine): t, seconds from the start,
 * strictly increasing; lm, the image landmarks (normalized x, y; relative z;
 * visibility), null when no person was found; world, the world landmarks in
 * metres, origin between the hips, absent when not given.
 */
export type Frame = RecordingFrame;

/** A landmark as MediaPipe returns it. */
export interface PoseLandmark {
  x: number;
  y: number;
  z: number;
  visibility?: number;
}

export interface HeaderOptions {
  width: number;
  height: number;
  fps?: number;
  view?: View;
  exercise?: Exercise;
  /** The pose runtime and its version, e.g. "mediapipe-tasks-vision 1.1.0" or "mediapipe-pose 0.5.1675469404". */
  runtime: string;
  model: Model;
  extra?: Record<string, unknown>;
}

/** source returns the header's source field: "<runtime> <version> <lite|full>". */
export function source(runtime: string, model: Model): string {
  return `${runtime} ${model}`;
}

export function makeHeader(o: HeaderOptions): Header {
  if (!(o.width > 0) || !(o.height > 0)) {
    throw new Error(`recording header: width and height must be positive, got ${o.width}x${o.height}`);
  }
  const h: Header = {
    format: 'stretchwise-recording',
    version: 1,
    topology: 'blazepose33',
    width: Math.round(o.width),
    height: Math.round(o.height),
  };
  if (o.fps !== undefined && o.fps > 0) h.fps = round(o.fps, 3);
  h.view = o.view ?? 'unknown';
  h.exercise = o.exercise ?? 'unknown';
  h.source = source(o.runtime, o.model);
  return { ...h, ...(o.extra ?? {}) };
}

// Decimal places written. Normalized image coordinates: 1e-5 of a 1920 px
// side is 0.02 px, far below MediaPipe's own jitter. World metres: 1e-4 m is
// 0.1 mm. Visibility: 1e-4. Our choice, because it keeps a 30 fps minute
// near 2 MB while losing nothing measurable.
const IMAGE_DECIMALS = 5;
const WORLD_DECIMALS = 4;
const VIS_DECIMALS = 4;
const TIME_DECIMALS = 6;

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

function tuples(list: readonly PoseLandmark[], decimals: number): LandmarkTuple[] | null {
  if (list.length !== NUM_LANDMARKS) return null;
  const out: LandmarkTuple[] = [];
  for (const p of list) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return null;
    out.push([
      round(p.x, decimals),
      round(p.y, decimals),
      round(Number.isFinite(p.z) ? p.z : 0, decimals),
      round(clamp01(p.visibility ?? 0), VIS_DECIMALS),
    ]);
  }
  return out;
}

function clamp01(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.min(1, Math.max(0, v));
}

/**
 * makeFrame turns one MediaPipe result into a frame. A missing or malformed
 * landmark list (not 33 entries, non-finite coordinates) means no person.
 */
export function makeFrame(
  t: number,
  image: readonly PoseLandmark[] | undefined | null,
  world: readonly PoseLandmark[] | undefined | null,
): Frame {
  const lm = image ? tuples(image, IMAGE_DECIMALS) : null;
  const f: Frame = { t: round(t, TIME_DECIMALS), lm };
  if (lm && world) {
    const w = tuples(world, WORLD_DECIMALS);
    if (w) f.world = w;
  }
  return f;
}

/**
 * Recorder collects frames and writes them as a recording. It drops a frame
 * whose time is not after the previous one (the format requires strictly
 * increasing t), which happens when a seek lands on the same video frame
 * twice.
 */
export class Recorder {
  /** latest is the recording this page view started most recently ("Report an issue" may attach it). */
  static latest: Recorder | undefined;
  readonly header: Header;
  readonly frames: Frame[] = [];

  constructor(header: Header) {
    this.header = header;
    Recorder.latest = this;
  }

  /** add appends a frame and reports whether it was kept. */
  add(f: Frame): boolean {
    const last = this.frames[this.frames.length - 1];
    if (last && !(f.t > last.t)) return false;
    this.frames.push(f);
    return true;
  }

  /** The live clock's time of the first frame added by addLive, seconds. */
  private liveStart = Number.NaN;

  /**
   * addLive appends a frame seen at t seconds on a live clock (the camera
   * loop's): the first such frame is time zero of the recording.
   */
  addLive(t: number, image: readonly PoseLandmark[] | undefined | null, world: readonly PoseLandmark[] | undefined | null): boolean {
    if (Number.isNaN(this.liveStart)) this.liveStart = t;
    return this.add(makeFrame(t - this.liveStart, image, world));
  }

  /** detected is the number of frames with a person. */
  get detected(): number {
    let n = 0;
    for (const f of this.frames) if (f.lm) n++;
    return n;
  }

  /** text returns the recording as JSON Lines, ending in a newline. */
  text(): string {
    return toJSONL(this.header, this.frames);
  }
}

export function toJSONL(header: Header, frames: readonly Frame[]): string {
  const lines = [JSON.stringify(header)];
  for (const f of frames) lines.push(JSON.stringify(f));
  return lines.join('\n') + '\n';
}

/** parseJSONL reads a recording back, checking the parts the app relies on. */
export function parseJSONL(text: string): { header: Header; frames: Frame[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error('recording: empty');
  const header = JSON.parse(lines[0]!) as Header;
  if (header.format !== 'stretchwise-recording' || header.version !== 1) {
    throw new Error('recording line 1: not a stretchwise-recording version 1 header');
  }
  const frames: Frame[] = [];
  let prev = -Infinity;
  for (let i = 1; i < lines.length; i++) {
    const f = JSON.parse(lines[i]!) as Frame;
    if (typeof f.t !== 'number' || !(f.t > prev)) {
      throw new Error(`recording line ${i + 1}: field t must be a number increasing over the previous frame`);
    }
    if (f.lm !== null && (!Array.isArray(f.lm) || f.lm.length !== NUM_LANDMARKS)) {
      throw new Error(`recording line ${i + 1}: field lm must be null or ${NUM_LANDMARKS} landmarks`);
    }
    prev = f.t;
    frames.push(f);
  }
  return { header, frames };
}
