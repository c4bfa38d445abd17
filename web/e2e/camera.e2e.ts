// The first browser test: the app loads cleanly, MediaPipe finds a real
// person in a real clip fed as the camera, the landmark recording is in the
// recording format, and no request the page made carries image or video.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { browserSuite, drawnPixels, fakeCamera, mediaInRequest, shot, unlabelled } from './harness';
import { parseJSONL } from '../src/recording';

describe('camera check with a real clip as the camera', () => {
  // A woman squatting, front view, 5 fps: 4 s from 2 s in, 360 px wide.
  const env = browserSuite({ camera: () => fakeCamera('tfjs_squats_banded_front_view.mp4', 2, 4, 360) });


  it('loads the start page without console errors', async () => {
    const { page } = env.s;
    await page.goto(env.server.url + '/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Stretch without hurting your back');
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    await shot(page, '01-home');
    expect(env.s.consoleErrors).toEqual([]);
  });

  it('finds the person in the camera, draws the skeleton and records landmarks', async () => {
    const { page } = env.s;
    await page.getByRole('link', { name: 'Camera check' }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Camera check');
    expect(await unlabelled(page)).toEqual([]);
    await page.getByLabel('Pose model').selectOption('lite');
    await page.getByLabel('Camera view').selectOption('front');
    await page.getByRole('button', { name: 'Start camera' }).click();
    const status = page.getByTestId('person-status');
    await status.filter({ hasText: 'Person found' }).waitFor({ timeout: 90_000 });

    await page.getByRole('button', { name: 'Start recording' }).click();
    const stage = page.locator('.stage');
    const startFrames = Number(await stage.getAttribute('data-frames'));
    await expect.poll(async () => Number(await stage.getAttribute('data-frames')), { timeout: 60_000 }).toBeGreaterThanOrEqual(startFrames + 6);

    // The overlay holds a skeleton: opaque pixels, not an empty canvas.
    const drawn = await drawnPixels(page.getByTestId('skeleton'));
    expect(drawn).toBeGreaterThan(500);
    // Below 10 analysed pictures a second the page says so (software
    // rendering here gives about 1-2); above it, it says nothing.
    const rate = page.getByTestId('framerate-warning');
    await expect.poll(async () => Number(await rate.getAttribute('data-fps')), { timeout: 30_000 }).toBeGreaterThan(0);
    const fps = Number(await rate.getAttribute('data-fps'));
    expect(await rate.isVisible()).toBe(fps < 10);
    if (fps < 10) expect(await rate.textContent()).toMatch(/too few for reliable cues and measures/);
    await shot(page, '02-camera-person-found');

    await page.getByRole('button', { name: 'Stop recording' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download recording' }).click();
    const file = await (await downloading).path();
    const { header, frames } = parseJSONL(readFileSync(file, 'utf8'));
    expect(header).toMatchObject({ format: 'stretchwise-recording', version: 1, topology: 'blazepose33', width: 360, height: 640, view: 'front' });
    expect(header.source).toMatch(/^mediapipe-tasks-vision \d+\.\d+\.\d+ lite$/);
    expect(frames.length).toBeGreaterThanOrEqual(5);
    const withPerson = frames.filter((f) => f.lm !== null);
    expect(withPerson.length / frames.length).toBeGreaterThanOrEqual(0.8);
    // The hips are in the picture and below the shoulders (y grows downwards).
    for (const f of withPerson) {
      const lm = f.lm!;
      expect(lm[23]![1]).toBeGreaterThan(lm[11]![1]);
      expect(lm[23]![0]).toBeGreaterThan(0);
      expect(lm[23]![0]).toBeLessThan(1);
    }

    await page.getByRole('button', { name: 'Stop camera' }).click();
    await status.filter({ hasText: 'Camera off' }).waitFor();
    expect(env.s.consoleErrors).toEqual([]);
  });

  it('sent no image or video data and talked only to its own server', () => {
    const origin = new URL(env.server.url).origin;
    expect(env.s.requests.length).toBeGreaterThan(5);
    const offending = env.s.requests
      .map((r) => ({ url: r.url, why: mediaInRequest(r) }))
      .filter((r) => r.why !== '');
    expect(offending).toEqual([]);
    const foreign = env.s.requests.filter((r) => !r.url.startsWith(origin) && !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
    expect(foreign.map((r) => r.url)).toEqual([]);
    // MediaPipe's own files came from our env.server.
    expect(env.s.requests.some((r) => r.url === `${origin}/mediapipe/tasks/vision_wasm_internal.wasm`)).toBe(true);
    expect(env.s.requests.some((r) => r.url === `${origin}/mediapipe/pose_landmarker_lite.task`)).toBe(true);
  });
});
