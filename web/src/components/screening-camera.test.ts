// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// The camera and MediaPipe run in a real browser (the screening's browser
// tests do that); here the camera is stood in for, so the test can hand the
// page frames of its own and see what each part does with them.
const cam = vi.hoisted(() => ({
  onFrame: undefined as ((f: unknown) => void) | undefined,
  onError: undefined as ((err: unknown) => void) | undefined,
  start: vi.fn(),
  stop: vi.fn(),
}));
vi.mock('./live-camera', () => ({
  LiveCamera: class {
    size = { width: 1280, height: 720 };
    runtime = 'fake-runtime 1.0';
    async start(onFrame: (f: unknown) => void, onError: (err: unknown) => void) {
      cam.start();
      cam.onFrame = onFrame;
      cam.onError = onError;
    }
    async stop() {
      cam.stop();
    }
  },
}));

import { ScreeningCamera, type ScreeningCameraOptions } from './screening-camera';
import { ScreeningChoice } from './screening-choice';
import type { Engine } from '../engine';
import type { LiveFrame } from '../pose/camera';
import { DEFAULT_MODEL } from '../pose/mediapipe';
import { parseJSONL, type PoseLandmark } from '../recording';

beforeAll(() => {
  // happy-dom has no 2D canvas; the live view's stage only needs one to exist.
  HTMLCanvasElement.prototype.getContext = (() => ({ clearRect: () => undefined })) as unknown as typeof HTMLCanvasElement.prototype.getContext;
});

afterEach(() => {
  vi.useRealTimers();
  cam.start.mockReset();
  cam.stop.mockReset();
});

/** The engine's framing check, stood in for: too far while no person is seen, and the left knee out of the picture while kneeOut is set. */
const framingFree = vi.fn();
let kneeOut = false;
const engine = {
  visibilityGate: 0.5,
  liveFraming: vi.fn(() => ({
    update: (_t: number, lm: readonly PoseLandmark[] | null) =>
      !lm
        ? [{ problem: 'out_of_picture', message: 'Step back into the picture.' }]
        : kneeOut
          ? [{ problem: 'out_of_picture', part: 'left knee', landmarks: [25], message: 'Your left knee is out of the picture: move the camera further back.' }]
          : [],
    free: framingFree,
  })),
} as unknown as Engine;

const seen: PoseLandmark[] = Array.from({ length: 33 }, () => ({ x: 0.5, y: 0.5, z: 0, visibility: 0.9 }));
const send = (t: number, lm: PoseLandmark[] | null = seen) => cam.onFrame!({ t, estimate: { image: lm, world: null }, poseMs: 10, fps: 10 } satisfies LiveFrame);

function setup(o: Partial<ScreeningCameraOptions> = {}) {
  localStorage.setItem('stretchwise.countdown', '5');
  const choice = new ScreeningChoice(
    [{ id: 'thomas-test', name: 'Hip test', plain: 'the hip test', posture: 'supine', views: ['left', 'right'], verdicts: [], steps: [], seconds: 20, parts: [{ name: 'Hips', landmarks: [23, 24] }, { name: 'Knees', landmarks: [25, 26] }] }],
    null,
    () => undefined,
  );
  const status = document.createElement('p');
  const opts: ScreeningCameraOptions = { engine, choice, status, say: () => undefined, done: vi.fn(async () => undefined), failed: vi.fn(), ...o };
  const screen = new ScreeningCamera(opts);
  screen.show(choice.test);
  const record = [...screen.live.actions.querySelectorAll('button')].find((b) => b.textContent === 'Start recording')!;
  const framing = screen.live.el.querySelector<HTMLElement>('[data-testid="framing-guide"]')!;
  return { screen, choice, status, opts, record, framing };
}

describe('the screening’s live part', () => {
  it('starts the camera with the framing check at the camera’s size and offers the recording', async () => {
    const { screen, record } = setup();
    expect(screen.check.el.querySelectorAll('li')).toHaveLength(2);
    expect(record.hidden).toBe(true);
    await screen.start();
    expect(cam.start).toHaveBeenCalledOnce();
    expect(engine.liveFraming).toHaveBeenLastCalledWith(1280, 720);
    expect(record.hidden).toBe(false);
    expect(screen.live.isOn).toBe(true);
    expect(screen.live.cue.textContent).toBe('Get into the starting position so I can see you.');
  });

  it('hands every frame to the framing guidance, the body check and the recording', async () => {
    const { screen, record, framing } = setup();
    await screen.start();
    send(0, null);
    expect(framing.hidden).toBe(false);
    expect(framing.textContent).toContain('Step back into the picture.');
    expect([...screen.check.el.querySelectorAll('li')].map((li) => li.dataset.seen)).toEqual(['false', 'false']);
    expect(screen.live.cue.textContent).toBe('Move so I can see your hips, knees.');
    for (let i = 1; i <= 3; i++) send(i * 0.1);
    expect(framing.hidden).toBe(true);
    expect([...screen.check.el.querySelectorAll('li')].map((li) => li.dataset.seen)).toEqual(['true', 'true']);
    expect(record.disabled).toBe(false);
    expect(screen.live.cue.textContent).toBe('I can see everything I need.');
  });

  it('never says it sees everything while the framing says a needed part is out of the picture (one judgement)', async () => {
    const { screen, record, framing } = setup();
    await screen.start();
    for (let i = 0; i < 3; i++) send(i * 0.1);
    expect(screen.live.cue.textContent).toBe('I can see everything I need.');
    // The model still sees the knee (it guesses landmarks past the edge), but the framing check says it left the picture.
    kneeOut = true;
    try {
      for (let i = 3; i < 8; i++) send(i * 0.1);
      expect(framing.textContent).toContain('Your left knee is out of the picture');
      expect([...screen.check.el.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Hips: in view ✓', 'Knees: not in view (out of the picture)']);
      expect(screen.live.cue.textContent).toBe('Your knees are out of the picture: move the camera further back before you record.');
      // Recording is still offered: the analysis leaves out only what left the picture.
      expect(record.disabled).toBe(false);
    } finally {
      kneeOut = false;
    }
    send(0.9);
    expect(screen.live.cue.textContent).toBe('I can see everything I need.');
  });

  it('records the chosen test from the chosen side, then stops the camera and hands the recording on', async () => {
    vi.useFakeTimers();
    const { screen, choice, record, opts, framing } = setup();
    const side = choice.el.querySelectorAll('select')[1]!;
    side.value = 'right';
    side.dispatchEvent(new Event('change'));
    await screen.start();
    for (let i = 0; i < 3; i++) send(i * 0.1);
    record.click();
    vi.advanceTimersByTime(5000);
    send(6);
    send(6.5);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(cam.stop).toHaveBeenCalledOnce();
    expect(framingFree).toHaveBeenCalled();
    expect(framing.hidden).toBe(true);
    expect(opts.done).toHaveBeenCalledOnce();
    const { header, frames } = parseJSONL(vi.mocked(opts.done).mock.calls[0]![0]);
    expect(header).toMatchObject({ width: 1280, height: 720, view: 'right', exercise: 'thomas-test', source: `fake-runtime 1.0 ${DEFAULT_MODEL}` });
    expect(frames).toHaveLength(2);
  });

  it('says when pose estimation stops', async () => {
    const { screen, status } = setup();
    await screen.start();
    cam.onError!(new Error('the model crashed'));
    expect(status.textContent).toBe('Pose estimation stopped: the model crashed');
  });

  it('stopped, closes the camera and the framing check', async () => {
    const { screen } = setup();
    await screen.start();
    framingFree.mockReset();
    await screen.stop();
    expect(cam.stop).toHaveBeenCalledOnce();
    expect(framingFree).toHaveBeenCalledOnce();
  });
});
