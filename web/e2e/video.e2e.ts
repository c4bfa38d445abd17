// A recorded video file analyzed instead of the live camera: the file is
// read in the page, landmarks are found frame by frame, and nothing of the
// file is uploaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildBinary, clip, launch, webDir, mediaInRequest, overflowsX, shot, startServer, stopAll, unlabelled, type Server, type Session } from './harness';
import { parseJSONL } from '../src/recording';
import type { RawEngine } from '../src/engine';
import type { SchemaRecording } from '../src/openapi.gen';

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

  afterAll(() => stopAll(s, server));

  it('finds the person in every sampled frame and offers the recording', async () => {
    const { page } = s;
    await page.goto(server.url + '/video');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Analyze a video file');
    expect(await unlabelled(page)).toEqual([]);
    expect(await overflowsX(page)).toBe(false);
    // Keyboard: a new page puts focus on its heading, and Tab goes on to the first control.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe('Video file');
    await page.getByLabel('Video file').setInputFiles(video);
    await page.getByLabel('Frames per second').fill('15');
    await page.getByLabel('Camera view').selectOption('right');
    await page.getByLabel('Exercise').selectOption('bird-dog');
    await shot(page, '10-video-chosen');
    await page.getByRole('button', { name: 'Find landmarks' }).click();
    await page.getByRole('status').filter({ hasText: 'Done' }).waitFor({ timeout: 120_000 });
    await shot(page, '11-video-done');

    // The result, from the WebAssembly engine in the page.
    await expect.poll(() => page.getByRole('heading', { name: 'Result' }).isVisible()).toBe(true);
    const verdict = await page.getByTestId('verdict').getAttribute('data-verdict');
    expect(['stable', 'caution', 'unstable', 'inconclusive']).toContain(verdict);
    await page.getByRole('heading', { name: 'Result' }).scrollIntoViewIfNeeded();
    await shot(page, '12-video-result');
    expect(await overflowsX(page)).toBe(false);
    expect(await unlabelled(page)).toEqual([]);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download recording' }).click();
    const text = readFileSync(await (await downloading).path(), 'utf8');
    const { header, frames } = parseJSONL(text);
    expect(header).toMatchObject({ width: 360, height: 640, fps: 15, view: 'right', exercise: 'bird-dog' });
    expect(frames.map((f) => f.t)).toEqual(Array.from({ length: 30 }, (_, i) => Math.round((i / 15) * 1e6) / 1e6));
    const found = frames.filter((f) => f.lm !== null).length;
    expect(found).toBeGreaterThanOrEqual(27);
    expect(frames.every((f) => f.lm === null || f.world?.length === 33)).toBe(true);
    expect(s.consoleErrors).toEqual([]);

    // The server re-scores the same recording with the same code: its stored
    // report equals the one the page computed.
    const fromServer = await page.evaluate(async (rec) => {
      const post = (path: string, body: string, type = 'application/json') =>
        fetch(path, { method: 'POST', headers: { 'Content-Type': type }, body });
      const email = `video-${Date.now()}@example.org`;
      const password = 'a long enough password 123';
      let r = await post('/api/v1/accounts', JSON.stringify({ email, password, role: 'patient' }));
      if (r.status !== 201) throw new Error(`sign up: HTTP ${r.status} ${await r.text()}`);
      r = await post('/api/v1/login', JSON.stringify({ email, password }));
      if (!r.ok) throw new Error(`login: HTTP ${r.status} ${await r.text()}`);
      r = await post('/api/v1/recordings?kind=screening', rec, 'application/jsonl');
      if (r.status !== 201) throw new Error(`upload: HTTP ${r.status} ${await r.text()}`);
      return ((await r.json()) as SchemaRecording).report;
    }, text);
    const inPage = await page.evaluate((rec) => JSON.parse((window as unknown as { stretchwiseEngine: Pick<RawEngine, 'analyze'> }).stretchwiseEngine.analyze(rec)) as unknown, text);
    expect(fromServer).toEqual(inPage);

    // One pipeline: `stretchwise extract` on the same file (headless Chromium
    // running the same page code) finds the same landmarks in the same frames.
    const cli = execFileSync(
      buildBinary(),
      ['extract', video, '-o', '-', '-q', '--fps', '15', '--view', 'right', '--exercise', 'bird-dog', '--web', join(webDir, 'dist')],
      { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 240_000 },
    );
    expect(parseJSONL(cli).frames).toEqual(frames);
  });

  it('uploaded nothing of the video', () => {
    const origin = new URL(server.url).origin;
    expect(s.requests.filter((r) => mediaInRequest(r) !== '').map((r) => r.url)).toEqual([]);
    // The only writes are the test's own sign-up, login and landmark upload.
    expect(s.requests.filter((r) => r.method !== 'GET').map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/accounts', '/api/v1/login', '/api/v1/recordings']);
    expect(s.requests.every((r) => r.url.startsWith(origin) || r.url.startsWith('blob:') || r.url.startsWith('data:'))).toBe(true);
  });
});
