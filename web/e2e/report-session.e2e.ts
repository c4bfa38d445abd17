// "Report an issue" in the middle of a guided session (/session, the live
// half-kneeling coach of the person's plan) with a real clip as the fake
// camera. The report is filed while the hold is running, with the
// recording box ticked, and read back from the server: the text is exact,
// the recording parses as a stretchwise recording whose header and frames
// are those of this session's hold (the first frames of the hold's own
// upload, made later when the hold is saved), and the stored screenshot
// has the flat fill where the camera picture was (a real screenshot of the
// page at the same moment has the camera's picture there), with the
// skeleton overlay allowed to stay.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patientWithHalfKneelingPlan, saveHold, startSession } from './flow-api';
import { artifactsDir, browserSuite, fakeCamera, openIssueReport, screenshotShares, shot, type Rect } from './harness';
import { parseJSONL } from '../src/recording';
import type { Doc } from '../src/components/data';
import type { SchemaSession } from '../src/openapi.gen';

describe('report an issue during a guided session', () => {
  // Someone kneeling (child's pose), 1 s at 10 fps, looped: not in the stretch, so the
  // coach keeps guiding them into it and the hold does not end by itself.
  const env = browserSuite({
    camera: () => fakeCamera('polybag_childs_pose_kneeling.mp4', 2, 1, 360, 10),
    viewport: { width: 1000, height: 900 },
    prepare: (base) => patientWithHalfKneelingPlan(base, `session-reporter-${Date.now()}@example.org`),
  });


  it('files a report mid-hold: camera-free screenshot, exact text, and the hold’s recording', async () => {
    const { page } = env.s;
    await startSession(page, env.server.url, env.patient);
    // The hold is running and the coach is speaking to the person in view (its first
    // instruction comes after a 4 s wait, so several frames have been recorded by then).
    const cue = page.getByTestId('cue');
    await expect
      .poll(() => cue.textContent(), { timeout: 120_000 })
      .toMatch(/Kneel on one knee with the other foot flat in front of you|Turn sideways to the camera/);
    // The skeleton is on the overlay (lines, not camera pixels).
    const overlay = page.getByTestId('skeleton');
    const drawn = () =>
      overlay.evaluate((c) => {
        const cv = c as HTMLCanvasElement;
        const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n;
      });
    await expect.poll(drawn, { timeout: 60_000 }).toBeGreaterThan(200);

    // Where the camera picture is on the page, and a real screenshot of the page as it is.
    const video = page.locator('video.stage-video');
    await video.scrollIntoViewIfNeeded();
    const box = (await video.boundingBox())!;
    const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
    const whole: Rect = { x: box.x + scroll.x, y: box.y + scroll.y, width: box.width, height: box.height };
    // The camera picture inside the video's box (object-fit: contain leaves bars at the
    // sides of a portrait clip), and an inner part of it clear of its edges by 15 %.
    const [vw, vh] = await video.evaluate((v) => [(v as HTMLVideoElement).videoWidth, (v as HTMLVideoElement).videoHeight]);
    expect(vw * vh).toBeGreaterThan(0);
    const k = Math.min(box.width / vw!, box.height / vh!);
    const picture: Rect = { x: whole.x + (box.width - k * vw!) / 2, y: whole.y + (box.height - k * vh!) / 2, width: k * vw!, height: k * vh! };
    const inner: Rect = { x: picture.x + 0.15 * picture.width, y: picture.y + 0.15 * picture.height, width: 0.7 * picture.width, height: 0.7 * picture.height };
    const live = await page.screenshot({ fullPage: true });
    writeFileSync(join(artifactsDir, 'report-session-live-page.png'), live);

    const dialog = await openIssueReport(page);
    // The hold was still running when the report was opened.
    expect(await page.getByRole('button', { name: 'End this hold' }).isVisible()).toBe(true);
    const attach = page.getByLabel(/Attach the landmark recording of this session/);
    expect(await attach.isVisible()).toBe(true);
    expect(await attach.isChecked()).toBe(false);
    const framesAtOpen = Number((/\((\d+) frames/.exec((await dialog.locator('label', { hasText: 'Attach the landmark recording' }).textContent()) ?? '') ?? [])[1]);
    expect(framesAtOpen).toBeGreaterThanOrEqual(3);
    const what = 'Mid-hold: the cue said "kneel" — though I was kneeling.\nThen the timer stayed at 0 s.';
    const expected = 'The timer starts when I’m in the stretch; ünïcode ✓ <b>not html</b>';
    await page.getByLabel('What happened?').fill(what);
    await page.getByLabel('What did you expect?').fill(expected);
    await attach.check();
    await shot(page, 'report-session-01-dialog');
    await page.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor({ timeout: 30_000 });
    const id = Number(await dialog.locator('.report-status').getAttribute('data-report-id'));
    expect(id).toBeGreaterThan(0);
    await shot(page, 'report-session-02-sent');
    // Sent: nothing left to send twice, only Close, which closes the dialog.
    expect(await page.getByRole('button', { name: 'Send report' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('dialog.report-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);

    // Read the report back from the server, as the reporter.
    const back = await page.evaluate(async (id) => {
      const meta = await (await fetch(`/api/v1/issue-reports/${id}`)).json();
      const png = new Uint8Array(await (await fetch(`/api/v1/issue-reports/${id}/screenshot`)).arrayBuffer());
      let bin = '';
      for (const b of png) bin += String.fromCharCode(b);
      const r = await fetch(`/api/v1/issue-reports/${id}/recording`);
      return { meta, png: btoa(bin), rec: await r.text(), recStatus: r.status };
    }, id);
    expect(back.meta.what).toBe(what);
    expect(back.meta.expected).toBe(expected);
    expect(back.meta.page).toBe('/session');
    expect(back.meta.app_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(back.recStatus).toBe(200);
    expect(back.meta.recording_size).toBe(Buffer.byteLength(back.rec, 'utf8'));
    writeFileSync(join(artifactsDir, 'report-session-recording.jsonl'), back.rec);
    const reported = parseJSONL(back.rec);
    expect(reported.header).toMatchObject({ format: 'stretchwise-recording', exercise: 'half-kneeling-hip-flexor', session_set: 1 });
    expect(reported.frames.length).toBeGreaterThanOrEqual(framesAtOpen);

    // The screenshot: a PNG of the page, the flat fill where the camera picture was.
    const stored = Buffer.from(back.png, 'base64');
    writeFileSync(join(artifactsDir, 'report-session-stored-screenshot.png'), stored);
    expect(stored.subarray(0, 8).equals(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBe(true);
    expect(back.meta.screenshot_size).toBe(stored.length);
    const storedInner = await screenshotShares(env.s, back.png, inner);
    const liveInner = await screenshotShares(env.s, live.toString('base64'), inner);
    const storedWhole = await screenshotShares(env.s, back.png, whole);
    console.log(
      `report ${id}: ${reported.frames.length} frames (${framesAtOpen} when opened); stored screenshot ${storedInner.width}x${storedInner.height}, ${stored.length} bytes; ` +
        `inner camera picture (${Math.round(inner.width)}x${Math.round(inner.height)} px): fill ${(100 * storedInner.fill).toFixed(1)} % and ${storedInner.colours} colours stored, ` +
        `fill ${(100 * liveInner.fill).toFixed(1)} % and ${liveInner.colours} colours live; skeleton colours over the video box ${(100 * storedWhole.skeleton).toFixed(2)} % stored, ${(100 * storedWhole.fill).toFixed(1)} % fill`,
    );
    // The page's width, so the page coordinates above apply to it.
    expect(storedInner.width).toBe(await page.evaluate(() => document.documentElement.clientWidth));
    // No camera pixels where the video was (the skeleton overlay covers a little of it) ...
    expect(storedInner.fill).toBeGreaterThan(0.8);
    // ... while the real screenshot shows the camera's picture there ...
    expect(liveInner.fill).toBeLessThan(0.05);
    expect(liveInner.colours).toBeGreaterThan(1000);
    // ... and the whole box where the video was is the fill too, letterbox bars included.
    expect(storedWhole.fill).toBeGreaterThan(0.9);
    // ... and the skeleton overlay stayed in the stored screenshot.
    expect(storedWhole.skeleton).toBeGreaterThan(0.001);

    // The session goes on: end and save the hold, whose landmarks are uploaded. The
    // report's recording is the start of that upload (same header, same first frames).
    await page.getByRole('button', { name: 'End this hold' }).click();
    await saveHold(page, ['How strong was the stretch?', '2'], '0', '0');
    await page.getByRole('button', { name: 'Finish session' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Finish session' }).click();
    await page.getByRole('heading', { name: 'Session saved' }).waitFor({ timeout: 30_000 });
    const sessions = (await env.patient.call('GET', '/sessions')) as Doc<SchemaSession>[];
    expect(sessions.length).toBe(1);
    const set = sessions[0]!.body.sets[0]!;
    expect(set.exercise).toBe('half-kneeling-hip-flexor');
    expect(set.recording_id).toBeGreaterThan(0);
    const res = await page.evaluate(async (rid) => (await fetch(`/api/v1/recordings/${rid}`)).text(), set.recording_id!);
    const hold = parseJSONL(res);
    expect(hold.header).toEqual(reported.header);
    expect(hold.frames.length).toBeGreaterThanOrEqual(reported.frames.length);
    expect(hold.frames.slice(0, reported.frames.length)).toEqual(reported.frames);
    await shot(page, 'report-session-03-saved');
    expect(env.s.consoleErrors).toEqual([]);
  }, 400_000);
});
