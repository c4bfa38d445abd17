// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScreeningRecord, type ScreeningRecordOptions } from './screening-record';
import { LiveView } from './live';
import { leaveMessage } from './leave';
import type { LiveFrame } from '../pose/camera';
import { makeHeader, parseJSONL, type PoseLandmark } from '../recording';

beforeAll(() => {
  // happy-dom has no 2D canvas; the live view's stage only needs one to exist.
  HTMLCanvasElement.prototype.getContext = (() => ({ clearRect: () => undefined })) as unknown as typeof HTMLCanvasElement.prototype.getContext;
});

afterEach(() => vi.useRealTimers());

const body: PoseLandmark[] = Array.from({ length: 33 }, () => ({ x: 0.5, y: 0.5, z: 0, visibility: 0.9 }));
const frame = (t: number, person = true): LiveFrame => ({ t, estimate: { image: person ? body : null, world: null }, poseMs: 10, fps: 10 });
const ready = { ready: true, missing: [] };

function setup(o: Partial<ScreeningRecordOptions> = {}) {
  const live = new LiveView({ label: 'Camera', cueTestId: 'cue', cue: 'Place the phone.', timerLabel: 'Recording time', timerTestId: 'timer' });
  const status = document.createElement('p');
  const said: string[] = [];
  const header = vi.fn(() => makeHeader({ width: 640, height: 480, view: 'rear', exercise: 'bird-dog', runtime: 'test', model: 'lite' }));
  const opts: ScreeningRecordOptions = {
    live,
    status,
    say: (text) => said.push(text),
    next: () => ({ countdownS: 3, seconds: 5, header }),
    stopCamera: vi.fn(async () => undefined),
    done: vi.fn(async () => undefined),
    failed: vi.fn(),
    ...o,
  };
  const rec = new ScreeningRecord(opts);
  return { rec, live, status, said, header, opts };
}

describe('a screening’s recording', () => {
  it('puts its buttons in the live view, hidden until the camera is on', () => {
    const { rec, live } = setup();
    expect([...live.actions.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Start recording', 'Stop recording', 'Full screen']);
    expect(rec.record.hidden).toBe(true);
    expect(rec.stopButton.hidden).toBe(true);
    rec.frame(frame(0), { ready: false, missing: ['Hands'] });
    expect(live.cue.textContent).toBe('Place the phone.');
  });

  it('says what it cannot see, and offers the recording once everything is in view', () => {
    const { rec, live, said } = setup();
    rec.offer();
    expect(rec.record.hidden).toBe(false);
    expect(rec.record.disabled).toBe(true);
    rec.frame(frame(0), { ready: false, missing: ['Hands', 'Knees'] });
    expect(live.cue.textContent).toBe('Move so I can see your hands, knees.');
    rec.frame(frame(0.1), { ready: false, missing: [] });
    expect(live.cue.textContent).toBe('Hold still a moment…');
    expect(rec.record.disabled).toBe(true);
    rec.frame(frame(0.2), ready);
    expect(rec.record.disabled).toBe(false);
    expect(live.cue.textContent).toBe('I can see everything I need.');
    expect(said).toEqual(['I can see you. Start the recording when you are ready.']);
    rec.frame(frame(0.3), ready);
    expect(said).toHaveLength(1);
    rec.frame(frame(0.4), { ready: false, missing: ['Hands'] });
    expect(rec.record.disabled).toBe(true);
  });

  it('counts down, records the test’s seconds holding the page, stops the camera and hands the recording on', async () => {
    vi.useFakeTimers();
    const { rec, live, status, said, header, opts } = setup();
    rec.offer();
    rec.frame(frame(0), ready);
    rec.record.click();
    expect(rec.record.hidden).toBe(true);
    expect(live.isOn).toBe(true);
    expect(leaveMessage()).toBe('Your recording is not finished. If you leave now, it is lost.');
    expect(live.timer.textContent).toBe('Recording in 3 s');
    rec.frame(frame(1), ready); // during the countdown: nothing recorded
    expect(header).not.toHaveBeenCalled();
    vi.advanceTimersByTime(3000);
    expect(header).toHaveBeenCalledOnce();
    expect(live.cue.textContent).toBe('Recording. Go slowly.');
    expect(said.at(-1)).toBe('Recording. Go slowly.');
    expect(rec.stopButton.hidden).toBe(false);
    expect(live.timer.dataset.holdS).toBe('0.00');
    rec.frame(frame(4), ready);
    rec.frame(frame(4.5, false), ready);
    expect(live.stage.el.dataset.recorded).toBe('2');
    expect(opts.stopCamera).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5000);
    expect(opts.stopCamera).toHaveBeenCalledOnce();
    expect(opts.done).toHaveBeenCalledOnce();
    const { header: h, frames } = parseJSONL(vi.mocked(opts.done).mock.calls[0]![0]);
    expect(h.exercise).toBe('bird-dog');
    expect(frames.map((f) => f.t)).toEqual([0, 0.5]);
    expect(status.textContent).toBe('Recorded 2 frames (landmarks only); a person was found in 1. Sending the landmarks…');
    expect(live.isOn).toBe(false);
    expect(live.cue.textContent).toBe('Done. Checking the recording…');
    expect(live.timer.textContent).toBe('');
    expect(said.at(-1)).toBe('Done. You can relax.');
    expect(rec.stopButton.hidden).toBe(true);
    expect(leaveMessage()).toBeUndefined();
    // A frame after the end goes nowhere, and the end comes once.
    rec.frame(frame(6), ready);
    expect(live.stage.el.dataset.recorded).toBe('2');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(opts.done).toHaveBeenCalledOnce();
  });

  it('ends early on Stop recording, and says a recording that could not be sent', async () => {
    vi.useFakeTimers();
    const { rec, status, opts } = setup({ done: vi.fn(async () => Promise.reject(new Error('the server is not answering'))) });
    rec.offer();
    rec.frame(frame(0), ready);
    rec.record.click();
    vi.advanceTimersByTime(3000);
    rec.frame(frame(3), ready);
    rec.stopButton.click();
    await vi.waitFor(() => expect(opts.failed).toHaveBeenCalledOnce());
    expect(opts.stopCamera).toHaveBeenCalledOnce();
    expect(status.textContent).toBe('The recording could not be saved: the server is not answering');
    expect(status.classList.contains('error')).toBe(true);
    expect(leaveMessage()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(opts.done).toHaveBeenCalledOnce();
  });

  it('stopped during the countdown, never begins; leaving lets go of the page', () => {
    vi.useFakeTimers();
    const { rec, header, opts } = setup();
    rec.offer();
    rec.frame(frame(0), ready);
    rec.record.click();
    vi.advanceTimersByTime(1000);
    rec.stop();
    vi.advanceTimersByTime(10_000);
    expect(header).not.toHaveBeenCalled();
    expect(opts.done).not.toHaveBeenCalled();
    expect(leaveMessage()).toBeDefined();
    rec.leave();
    expect(leaveMessage()).toBeUndefined();
  });
});
