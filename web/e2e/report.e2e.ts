// "Report an issue" during a live camera session: the report is filed from
// the dialog with the fake camera running, and read back through the API.
// The stored screenshot shows the flat fill where the camera picture was
// (no camera pixels: the same region of a real screenshot of the page is
// the camera's picture), the text arrives exactly, and the recording, ticked
// to be attached, is byte for byte the one the page offers for download.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir, browserSuite, fakeCamera, openIssueReport, screenshotShares, shot } from './harness';
import { Patient } from './flow-api';
import { parseJSONL } from '../src/recording';

describe('report an issue during a live session', () => {
  const env = browserSuite({ camera: () => fakeCamera('tfjs_squats_banded_front_view.mp4', 2, 4, 360), viewport: { width: 1000, height: 900 } });


  it('files a report with a camera-free screenshot and the ticked recording, intact', async () => {
    const { page } = env.s;
    const p = await new Patient(env.server.url, `reporter-${Date.now()}@example.test`).signUp();
    await page.goto(env.server.url + '/camera');
    // Sign in in the page (the session cookie), as the login form would.
    const status = await page.evaluate(async ({ email, password }) => {
      const r = await fetch('/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
      return r.status;
    }, { email: p.email, password: p.password });
    expect(status).toBe(200);

    await page.getByLabel('Pose model').selectOption('lite');
    await page.getByRole('button', { name: 'Start camera' }).click();
    const stage = page.locator('.stage');
    await expect.poll(async () => Number(await stage.getAttribute('data-frames')), { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: 'Start recording' }).click();
    const f0 = Number(await stage.getAttribute('data-frames'));
    await expect.poll(async () => Number(await stage.getAttribute('data-frames')), { timeout: 60_000 }).toBeGreaterThanOrEqual(f0 + 4);
    await page.getByRole('button', { name: 'Stop recording' }).click();
    // The recording the page offers for download: the reference.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download recording' }).click()]);
    const dlPath = join(artifactsDir, 'report-page-recording.jsonl');
    await dl.saveAs(dlPath);
    const pageRecording = readFileSync(dlPath, 'utf8');
    expect(parseJSONL(pageRecording).frames.length).toBeGreaterThanOrEqual(4);

    // The camera is still live: the video shows the clip. Where is it on the page?
    await stage.scrollIntoViewIfNeeded();
    const box = (await page.locator('video.stage-video').boundingBox())!;
    const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
    // An inner part of the video's box in page coordinates (clear of the edges by 15 %).
    const inner = { x: box.x + scroll.x + 0.15 * box.width, y: box.y + scroll.y + 0.15 * box.height, width: 0.7 * box.width, height: 0.7 * box.height };
    const live = await page.screenshot({ fullPage: true });
    writeFileSync(join(artifactsDir, 'report-live-page.png'), live);

    const dialog = await openIssueReport(page);
    const what = 'The skeleton froze — then jumped "ahead"\nafter 3 s.';
    const expected = 'It follows me smoothly; ünïcode ✓';
    await page.getByLabel('What happened?').fill(what);
    await page.getByLabel('What did you expect?').fill(expected);
    await page.getByLabel(/Attach the landmark recording of this session/).check();
    await shot(page, 'report-01-dialog');
    await page.getByRole('button', { name: 'Send report' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Thank you' });
    await done.waitFor({ timeout: 30_000 });
    const id = Number(await dialog.locator('.report-status').getAttribute('data-report-id'));
    expect(id).toBeGreaterThan(0);
    await shot(page, 'report-02-sent');

    // Read everything back through the API, as the reporter.
    const back = await page.evaluate(async (id) => {
      const meta = await (await fetch(`/api/v1/issue-reports/${id}`)).json();
      const png = new Uint8Array(await (await fetch(`/api/v1/issue-reports/${id}/screenshot`)).arrayBuffer());
      let bin = '';
      for (const b of png) bin += String.fromCharCode(b);
      const rec = await (await fetch(`/api/v1/issue-reports/${id}/recording`)).text();
      return { meta, png: btoa(bin), rec };
    }, id);
    expect(back.meta.what).toBe(what);
    expect(back.meta.expected).toBe(expected);
    expect(back.meta.page).toBe('/camera');
    expect(back.meta.app_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(back.rec).toBe(pageRecording);
    const stored = Buffer.from(back.png, 'base64');
    writeFileSync(join(artifactsDir, 'report-stored-screenshot.png'), stored);
    expect(stored.subarray(0, 8).equals(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBe(true);

    // No camera pixels: where the video was, the stored screenshot is the
    // flat fill (the skeleton overlay may cover a little of it) ...
    const storedShare = (await screenshotShares(env.s, back.png, inner)).fill;
    expect(storedShare).toBeGreaterThan(0.8);
    // ... while a real screenshot of the live page shows the camera there.
    const liveShare = (await screenshotShares(env.s, live.toString('base64'), inner)).fill;
    expect(liveShare).toBeLessThan(0.05);
    expect(env.s.consoleErrors).toEqual([]);

    // A linked clinician sees the report on the patient's page; an unlinked one gets 404 from the API.
    const clinician = { email: `clinician-${Date.now()}@example.test`, password: 'a clinician passphrase' };
    const login = async (who: { email: string; password: string }) =>
      page.evaluate(async (w) => (await fetch('/api/v1/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(w) })).status, who);
    const api = async (method: string, path: string, body?: unknown) =>
      page.evaluate(async ({ method, path, body }) => {
        const r = await fetch('/api/v1' + path, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, ...(body ? { body: JSON.stringify(body) } : {}) });
        return { status: r.status, body: await r.text() };
      }, { method, path, body });
    const other = { email: `other-${Date.now()}@example.test`, password: 'another clinician passphrase' };
    for (const c of [clinician, other]) {
      expect((await api('POST', '/accounts', { ...c, role: 'clinician' })).status).toBe(201);
    }
    expect(await login(clinician)).toBe(200);
    const code = JSON.parse((await api('POST', '/invites')).body).code as string;
    expect(await login({ email: p.email, password: p.password })).toBe(200);
    expect((await api('POST', '/links', { code })).status).toBe(201);
    expect(await login(clinician)).toBe(200);
    await page.goto(`${env.server.url}/clinician?patient=${p.id}`);
    const reports = page.getByRole('region', { name: 'Reported issues' });
    await reports.waitFor();
    await expect.poll(() => reports.textContent()).toContain('The skeleton froze');
    await expect.poll(() => page.getByRole('link', { name: `Screenshot of report ${id}` }).count()).toBe(1);
    await shot(page, 'report-03-clinician');
    expect(await login(other)).toBe(200);
    expect((await api('GET', `/issue-reports/${id}`)).status).toBe(404);
    expect((await api('GET', `/issue-reports/${id}/screenshot`)).status).toBe(404);
    expect(JSON.parse((await api('GET', '/issue-reports')).body)).toEqual([]);
  }, 300_000);

  it('asks to sign in when nobody is signed in, and stores nothing', async () => {
    const { page } = env.s;
    await page.evaluate(() => fetch('/api/v1/logout', { method: 'POST' }));
    await page.goto(env.server.url + '/demos');
    await page.getByRole('button', { name: 'Report an issue' }).click();
    await page.getByLabel('What happened?').fill('Anonymous');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('status').filter({ hasText: 'Please sign in first' }).waitFor();
  });
});
