// The Go core compiled to WebAssembly (cmd/stretchwise-wasm), loaded from
// our own server: /wasm_exec.js (Go's glue) and /engine.wasm. It analyzes a
// recording with the same code the server re-scores uploads with, and
// smooths live landmarks with the live coach's one-euro filter.
import type { Report } from './api';
import type { EngineErrorAnswer, FramingAnswer, FramingNote, RawEngine } from './engine.gen';
import type { LandmarkTuple, PoseLandmark } from './recording';

export type { FramingNote, RawEngine };

interface GoInstance {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

interface EngineGlobals {
  Go?: new () => GoInstance;
  stretchwiseEngine?: RawEngine;
  onStretchwiseEngineReady?: () => void;
}

/** EngineError is an error the engine reported: a code and a safe message. */
export class EngineError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

const base = import.meta.env.BASE_URL;
let loading: Promise<Engine> | undefined;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}: is the web app built (make web)?`));
    document.head.appendChild(s);
  });
}

/** loadEngine starts the WebAssembly engine once and resolves when it is ready. */
export function loadEngine(): Promise<Engine> {
  if (loading) return loading;
  loading = (async () => {
    const g = globalThis as unknown as EngineGlobals;
    if (!g.Go) await loadScript(`${base}wasm_exec.js`);
    if (!g.Go) throw new Error('wasm_exec.js did not define Go');
    const go = new g.Go();
    const ready = new Promise<void>((resolve) => {
      g.onStretchwiseEngineReady = resolve;
    });
    const res = await fetch(`${base}engine.wasm`);
    if (!res.ok) throw new Error(`could not load the engine (HTTP ${res.status}): is the web app built (make web)?`);
    const { instance } = await WebAssembly.instantiateStreaming(res, go.importObject);
    void go.run(instance); // resolves only when the Go program exits, which it does not
    await ready;
    if (!g.stretchwiseEngine) throw new Error('the engine started but did not register itself');
    return new Engine(g.stretchwiseEngine);
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

export class Engine {
  private readonly raw: RawEngine;
  constructor(raw: RawEngine) {
    this.raw = raw;
  }

  get version(): string {
    return this.raw.version;
  }

  /** The visibility at which a landmark counts as seen (stretchwise.VisibilityGate). */
  get visibilityGate(): number {
    return this.raw.visibilityGate;
  }

  /** analyze returns the report of a recording (JSON Lines), as the server computes it. */
  analyze(recordingText: string): Report {
    const out = JSON.parse(this.raw.analyze(recordingText)) as Report | EngineErrorAnswer;
    if ('error' in out) throw new EngineError(out.error.code, out.error.message);
    return out;
  }

  /** liveFraming returns the live framing check (package framing's rules) for pictures of width x height pixels. */
  liveFraming(width: number, height: number): LiveFraming {
    return new LiveFraming(this.raw, this.raw.newFraming(width, height));
  }

  /** liveFilter returns a per-frame landmark smoother for a picture of the given aspect (width/height). */
  liveFilter(aspect: number): LiveFilter {
    return new LiveFilter(this.raw, this.raw.newFilter(aspect));
  }
}

/** flatPose writes 33 landmarks into buf as x, y, z, visibility. */
function flatPose(lm: readonly PoseLandmark[], buf: Float64Array): Float64Array {
  if (lm.length !== 33) throw new Error('a pose has 33 landmarks');
  lm.forEach((p, i) => {
    buf[4 * i] = p.x;
    buf[4 * i + 1] = p.y;
    buf[4 * i + 2] = p.z;
    buf[4 * i + 3] = p.visibility ?? 0;
  });
  return buf;
}

/** LiveFraming tells, frame by frame, what keeps the camera from seeing what it needs; free it when done. */
export class LiveFraming {
  private readonly buf = new Float64Array(33 * 4);

  constructor(
    private readonly raw: RawEngine,
    private readonly handle: number,
  ) {}

  /** update takes the landmarks seen at t seconds (null: no person) and returns the problems of the last moments, worst first. */
  update(t: number, lm: readonly PoseLandmark[] | null): FramingNote[] {
    const out = JSON.parse(this.raw.framing(this.handle, t, lm ? flatPose(lm, this.buf) : null)) as FramingAnswer | EngineErrorAnswer;
    if ('error' in out) throw new EngineError(out.error.code, out.error.message);
    return out.notes;
  }

  free(): void {
    this.raw.freeFraming(this.handle);
  }
}

/** LiveFilter smooths one person's landmarks frame by frame; free it when done. */
export class LiveFilter {
  private readonly raw: RawEngine;
  private readonly handle: number;
  private readonly buf = new Float64Array(33 * 4);

  constructor(raw: RawEngine, handle: number) {
    this.raw = raw;
    this.handle = handle;
  }

  /** apply returns the smoothed landmarks of a frame seen at t seconds. */
  apply(t: number, lm: readonly PoseLandmark[]): LandmarkTuple[] {
    const err = this.raw.filter(this.handle, t, flatPose(lm, this.buf));
    if (err) throw new Error(err);
    const out: LandmarkTuple[] = [];
    for (let i = 0; i < 33; i++) out.push([this.buf[4 * i]!, this.buf[4 * i + 1]!, this.buf[4 * i + 2]!, this.buf[4 * i + 3]!]);
    return out;
  }

  /** reset forgets the history, e.g. when the person left the picture. */
  reset(): void {
    this.raw.resetFilter(this.handle);
  }

  free(): void {
    this.raw.freeFilter(this.handle);
  }
}
