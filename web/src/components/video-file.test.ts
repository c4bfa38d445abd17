// @vitest-environment happy-dom
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The file is read by MediaPipe in a real browser (the flow's browser test
// does that); here the reading is stood in for, to check what the box does
// around it.
const video = vi.hoisted(() => ({ loadVideo: vi.fn(), extractVideo: vi.fn() }));
vi.mock('../pose/video', () => video);
const close = vi.hoisted(() => vi.fn());
vi.mock('../pose/mediapipe', () => ({ DEFAULT_MODEL: 'lite', Estimator: { create: vi.fn(async () => ({ close })) } }));

import { videoFile, type VideoFileOptions } from './video-file';
import { Stage } from '../pose/stage';

beforeAll(() => {
  // happy-dom has no 2D canvas; the stage only needs one to exist.
  HTMLCanvasElement.prototype.getContext = (() => ({ clearRect: () => undefined })) as unknown as typeof HTMLCanvasElement.prototype.getContext;
  URL.createObjectURL = () => 'blob:video';
  URL.revokeObjectURL = () => undefined;
});

beforeEach(() => {
  video.loadVideo.mockReset();
  video.extractVideo.mockReset();
  close.mockReset();
});

function box(done: VideoFileOptions['done'] = async () => undefined) {
  const status = document.createElement('p');
  const stage = new Stage('skeleton');
  stage.fit = () => undefined;
  stage.draw = () => undefined;
  const busy: boolean[] = [];
  const el = videoFile({ stage, status, what: () => ({ view: 'rear', exercise: 'bird-dog' }), busy: (on) => void busy.push(on), done });
  const input = el.querySelector<HTMLInputElement>('input[type="file"]')!;
  const analyze = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Analyze the video')!;
  const choose = () => {
    Object.defineProperty(input, 'files', { value: [new File(['x'], 'test.mp4', { type: 'video/mp4' })], configurable: true });
    input.dispatchEvent(new Event('change'));
  };
  return { el, status, busy, analyze, choose };
}

/** settle waits until the click's work is done (the busy flag back off). */
async function settle(busy: boolean[]): Promise<void> {
  await vi.waitFor(() => expect(busy.at(-1)).toBe(false));
}

describe('a screening from a video file', () => {
  it('is folded away, and Analyze waits for a file', () => {
    const { el, analyze, choose } = box();
    expect(el.tagName).toBe('DETAILS');
    expect(el.querySelector('summary')!.textContent).toBe('Or use a video you recorded');
    expect(analyze.disabled).toBe(true);
    choose();
    expect(analyze.disabled).toBe(false);
  });

  it('reads the file for the chosen test and view, hands on only the recording, and says how many frames had a person', async () => {
    const done = vi.fn(async (_text: string) => undefined);
    const { status, busy, analyze, choose, el } = box(done);
    video.loadVideo.mockResolvedValue(undefined);
    video.extractVideo.mockImplementation(async (_v: HTMLVideoElement, _e: unknown, o: { onProgress: (d: number, t: number, e: { image: null }) => void }) => {
      o.onProgress(1, 5, { image: null });
      expect(el.querySelector('progress')!.hidden).toBe(false);
      return { recorder: { text: () => 'the recording\n' }, detected: 4, frames: 5 };
    });
    choose();
    analyze.click();
    await settle(busy);
    expect(busy).toEqual([true, false]);
    expect(video.extractVideo.mock.calls[0]![2]).toMatchObject({ view: 'rear', exercise: 'bird-dog' });
    expect(done).toHaveBeenCalledWith('the recording\n');
    expect(status.textContent).toBe('A person was found in 4 of 5 frames. Sending the landmarks…');
    expect(close).toHaveBeenCalledOnce();
    expect(el.querySelector('progress')!.hidden).toBe(true);
    expect(analyze.disabled).toBe(false);
  });

  it('says a file that cannot be read, or a recording that cannot be sent, in plain words', async () => {
    const { status, busy, analyze, choose } = box();
    video.loadVideo.mockRejectedValue(new Error('this video has no picture'));
    choose();
    analyze.click();
    await settle(busy);
    expect(status.textContent).toBe('The video could not be analyzed: this video has no picture');
    expect(video.extractVideo).not.toHaveBeenCalled();

    const failing = box(async () => {
      throw new Error('the server is not answering');
    });
    video.loadVideo.mockResolvedValue(undefined);
    video.extractVideo.mockResolvedValue({ recorder: { text: () => 'r' }, detected: 1, frames: 1 });
    failing.choose();
    failing.analyze.click();
    await settle(failing.busy);
    expect(failing.status.textContent).toBe('The video could not be analyzed: the server is not answering');
  });
});
