// A recorded video file analyzed instead of the live camera: the file is
// read in the page, landmarks are found frame by frame, and nothing of the
// file is uploaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { clip, launch, mediaInRequest, shot, startServer, type Server, type Session } from './harness';
import { parseJSONL } from '../src/recording';

describe('analyze a video file', () => {
  let server: Server;
  let s: Session;
  let video: string;

  beforeAll(async () => {
    // A man on hands and knees (cat-cow), side view: the bird-dog start position.
    video = clip('polybag_cat_cow_quadruped_side_view.mp4', 3, 2, 360);
    server = await startServer();
    s = await launch({ viewport: { width: 390, height: 844 } }); // phone width
  });

  afterAll(async () => {
    await s?.close();
    await server?.stop();
  });

  it('finds the person in every sampled frame and offers the recording', async () => {
    const { page } = s;
    await page.goto(server.url + '/video');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Analyze a video file');
    await page.getByLabel('Video file').setInputFiles(video);
    await page.getByLabel('Frames per second').fill('10');
    await page.getByLabel('Camera view').selectOption('right');
    await page.getByLabel('Exercise').selectOption('bird-dog');
    await shot(page, '10-video-chosen');
    await page.getByRole('button', { name: 'Find landmarks' }).click();
    await page.getByRole('status').filter({ hasText: 'Done' }).waitFor({ timeout: 120_000 });
    await shot(page, '11-video-done');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download recording' }).click();
    const { header, frames } = parseJSONL(readFileSync(await (await downloading).path(), 'utf8'));
    expect(header).toMatchObject({ width: 360, height: 640, fps: 10, view: 'right', exercise: 'bird-dog' });
    expect(frames.map((f) => f.t)).toEqual(Array.from({ length: 20 }, (_, i) => Math.round((i / 10) * 1e6) / 1e6));
    const found = frames.filter((f) => f.lm !== null).length;
    expect(found).toBeGreaterThanOrEqual(18);
    expect(frames.every((f) => f.lm === null || f.world?.length === 33)).toBe(true);
    expect(s.consoleErrors).toEqual([]);
  });

  it('uploaded nothing of the video', () => {
    const origin = new URL(server.url).origin;
    expect(s.requests.filter((r) => mediaInRequest(r) !== '').map((r) => r.url)).toEqual([]);
    expect(s.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(s.requests.every((r) => r.url.startsWith(origin) || r.url.startsWith('blob:') || r.url.startsWith('data:'))).toBe(true);
  });
});
