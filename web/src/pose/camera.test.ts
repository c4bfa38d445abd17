import { describe, expect, it } from 'vitest';
import { runLive, type LiveFrame } from './camera';
import type { Estimate, Estimator } from './mediapipe';

/** A camera <video> whose frames the test presents by hand (requestVideoFrameCallback). */
class FakeVideo {
  private callbacks: (() => void)[] = [];
  requestVideoFrameCallback(cb: () => void): number {
    this.callbacks.push(cb);
    return this.callbacks.length;
  }
  /** present shows a new camera frame. */
  present(): void {
    const cbs = this.callbacks;
    this.callbacks = [];
    for (const cb of cbs) cb();
  }
}

/** An estimator whose estimates finish when the test says. */
class FakeEstimator {
  calls = 0;
  private finish: (() => void) | undefined;
  async reset(): Promise<void> {}
  estimate(): Promise<Estimate> {
    this.calls++;
    return new Promise((resolve) => (this.finish = () => resolve({ image: null, world: null } as unknown as Estimate)));
  }
  /** done finishes the estimate under way. */
  done(): void {
    const f = this.finish;
    this.finish = undefined;
    f?.();
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the live loop', () => {
  it('ends only when the estimate under way has finished, and reports no frame after the stop', async () => {
    const v = new FakeVideo();
    const est = new FakeEstimator();
    const stop = new AbortController();
    const frames: LiveFrame[] = [];
    let ended = false;
    const loop = runLive(v as unknown as HTMLVideoElement, est as unknown as Estimator, stop.signal, (f) => frames.push(f)).then(() => (ended = true));
    await settle();
    v.present();
    await settle();
    expect(est.calls).toBe(1);
    stop.abort(); // the page stops while the model works on a frame
    await settle();
    expect(ended).toBe(false); // closing the model now would abort it mid-frame
    est.done();
    await loop;
    expect(frames.length).toBe(0);
    expect(est.calls).toBe(1);
  });
});
