// The live layout and no lost work, in a real browser at a laptop's
// 1280x800 and a phone's 390x844: during every live step (the screening's
// countdown and recording, a session's holds) the camera, the cue and the
// timer are inside the viewport; leaving during a recording or a session
// asks first (another page of the app, a reload, closing the tab); a session left anyway is
// saved as stopped early and shown so in the history; the intake's answers
// survive a reload, Back stays within the intake, and the draft is gone
// after sending or signing out. Screenshots of the viewport go to
// web/artifacts/live-*.png.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dialog, Page } from 'playwright-core';
import { answerIntake, Patient, patientWithHalfKneelingPlan, patientWithIntake, saveHold, signIn, startSession } from './flow-api';
import { artifactsDir, browserSuite, fakeCamera, navLink, offScreen } from './harness';
import type { Doc } from '../src/components/data';
import type { SchemaSession } from '../src/openapi.gen';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** viewShot writes what the viewport shows now to web/artifacts/NAME.png. */
async function viewShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), timeout: 60_000 });
}

/** dialogs answers every dialog the page opens (accept or not) and keeps them to check, in place of any earlier answerer. */
function dialogs(page: Page): { seen: Dialog[]; accept: boolean } {
  const d = { seen: [] as Dialog[], accept: false };
  page.removeAllListeners('dialog');
  page.on('dialog', (dlg) => {
    d.seen.push(dlg);
    void (d.accept ? dlg.accept() : dlg.dismiss());
  });
  return d;
}

describe('the screening’s live steps fill the screen, and leaving a recording asks first', () => {
  // A person on all fours (cat-cow), side view: every part the bird dog needs is in view.
  const env = browserSuite({
    camera: () => fakeCamera('polybag_cat_cow_quadruped_side_view.mp4', 1, 2, 360, 10),
    viewport: SIZES[0],
    prepare: (base) => patientWithIntake(base, `live-sc-${Date.now()}@example.org`),
  });

  for (const size of SIZES) {
    it(`keeps the camera, the cue and the timer on screen during the countdown and the recording at ${size.width}x${size.height}`, async () => {
      const { page } = env.s;
      const d = dialogs(page);
      await page.setViewportSize(size);
      if (size === SIZES[0]) await signIn(page, env.server.url, env.patient, '/screening');
      else await page.getByRole('button', { name: 'Do another test' }).click();
      await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor({ timeout: 20_000 });
      await page.getByLabel('Which test').selectOption('bird-dog');
      await page.getByLabel('Time to get into position before the recording').selectOption('5');
      await page.getByRole('button', { name: 'Start camera' }).click();
      const record = page.getByRole('button', { name: 'Start recording' });
      await expect.poll(() => record.isEnabled(), { timeout: 180_000 }).toBe(true);
      const live = { camera: page.locator('.stage'), cue: page.getByTestId('screen-cue'), 'start button': record };
      expect(await offScreen(page, live)).toEqual([]);
      await record.click();
      await expect.poll(() => page.getByTestId('screen-cue').textContent()).toBe('Get into position.');
      const timer = page.getByTestId('screen-timer');
      expect(await timer.textContent()).toMatch(/^Recording in [0-9]+ s$/);
      expect(await offScreen(page, { camera: live.camera, cue: live.cue, timer })).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await viewShot(page, `live-screening-countdown-${size.width}`);

      // Another page of the app during the countdown: asked, and staying keeps the recording going.
      await navLink(page, 'History');
      await expect.poll(() => d.seen.length).toBe(1);
      expect(d.seen[0]!.type()).toBe('confirm');
      expect(d.seen[0]!.message()).toMatch(/^Your recording is not finished\. If you leave now, it is lost\./);
      expect(new URL(page.url()).pathname).toBe('/screening');

      const stop = page.getByRole('button', { name: 'Stop recording' });
      await stop.waitFor({ timeout: 30_000 });
      await expect.poll(async () => Number(await page.locator('.stage').getAttribute('data-recorded')), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
      expect(await timer.textContent()).toMatch(/^[0-9]+ s of 30 s$/);
      expect(await offScreen(page, { camera: live.camera, cue: live.cue, timer, 'stop button': stop })).toEqual([]);
      await viewShot(page, `live-screening-recording-${size.width}`);

      // A reload during the recording: the browser asks; staying keeps it.
      const reload = page.reload({ timeout: 5_000 }).catch(() => undefined);
      await expect.poll(() => d.seen.length).toBe(2);
      expect(d.seen[1]!.type()).toBe('beforeunload');
      await reload;
      expect(await page.getByTestId('screen-cue').textContent()).toBe('Recording. Go slowly.');

      await stop.click({ timeout: 5_000 }).catch(() => undefined);
      await page.getByTestId('verdict').waitFor({ timeout: 90_000 });
      // Once sent, nothing is held: another page opens without a question.
      page.removeAllListeners('dialog');
    });
  }
});

describe('a session’s holds fill the screen, leaving asks first, and a session left is saved as stopped early', () => {
  // Someone kneeling (child's pose): the coach cues them into the stretch.
  const env = browserSuite({
    camera: () => fakeCamera('polybag_childs_pose_kneeling.mp4', 2, 1, 360, 10),
    viewport: SIZES[0],
    prepare: (base) => patientWithHalfKneelingPlan(base, `live-se-${Date.now()}@example.org`),
  });

  const sessions = async () => (await env.patient.call('GET', '/sessions')) as Doc<SchemaSession>[];
  const holdView = (page: Page) => ({ camera: page.locator('.stage'), cue: page.getByTestId('cue'), timer: page.getByTestId('hold-timer'), 'End this hold': page.getByRole('button', { name: 'End this hold' }) });

  it('shows each hold in the viewport at both sizes, asks before another page or a reload, and saves the session when left', async () => {
    const { page } = env.s;
    const d = dialogs(page);
    await startSession(page, env.server.url, env.patient);
    expect(await offScreen(page, holdView(page))).toEqual([]);
    await viewShot(page, 'live-session-hold-1280');

    // Another page of the app: asked; staying keeps the hold.
    await navLink(page, 'History');
    await expect.poll(() => d.seen.length).toBe(1);
    expect(d.seen[0]!.type()).toBe('confirm');
    expect(d.seen[0]!.message()).toMatch(/^Your session is not finished\. If you leave now, it is saved as stopped early\./);
    expect(new URL(page.url()).pathname).toBe('/session');
    expect(await page.getByTestId('hold-timer').isVisible()).toBe(true);

    // One hold reported, then the next one on a phone.
    await page.getByRole('button', { name: 'End this hold' }).click();
    await saveHold(page, ['How strong was the stretch?', '3'], '0', '0');
    await page.setViewportSize(SIZES[1]);
    await page.getByRole('button', { name: 'Next hold' }).click({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('cue').isVisible()).toBe(true);
    // The camera is off between holds: the hold is under way once it is on again.
    await page.getByRole('status').filter({ hasText: 'Camera on.' }).waitFor({ timeout: 60_000 });
    expect(await offScreen(page, holdView(page))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIZES[1].width);
    await viewShot(page, 'live-session-hold-390');

    // A reload during the hold: the browser asks; leaving saves what was done, as stopped early.
    d.accept = true;
    await page.reload({ timeout: 60_000 });
    expect(d.seen.map((x) => x.type())).toEqual(['confirm', 'beforeunload']);
    await expect.poll(async () => (await sessions()).length, { timeout: 30_000 }).toBe(1);
    const [left] = await sessions();
    expect(left!.body.stopped_reason).toMatch(/^You left the page before the session ended/);
    expect(left!.body.sets.map((x) => !!x.aborted)).toEqual([false, true]);
    expect(left!.body.sets[1]!.pain).toBeUndefined();

    // Another page of the app during a hold, accepted: saved as stopped early too.
    await page.setViewportSize(SIZES[0]);
    await page.getByLabel('Exercise').selectOption('half-kneeling-hip-flexor');
    await page.getByLabel('Back pain right now').fill('0');
    await page.getByLabel('Leg pain right now').fill('0');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByTestId('hold-timer').waitFor({ timeout: 90_000 });
    await navLink(page, 'History');
    await page.getByRole('heading', { level: 1, name: 'Your history' }).waitFor({ timeout: 20_000 });
    expect(d.seen.length).toBe(3);
    await expect.poll(async () => (await sessions()).length, { timeout: 30_000 }).toBe(2);
    await page.reload();
    const partial = page.locator('.sessions li[data-partial="true"]');
    await expect.poll(() => partial.count(), { timeout: 20_000 }).toBe(2);
    expect(await partial.first().textContent()).toMatch(/stopped early: You left the page before the session ended/);
    expect(await page.locator('.sessions').textContent()).toMatch(/2 holds \(1 stopped during the hold\)/);
    await viewShot(page, 'live-history-partial');
    expect(env.s.consoleErrors).toEqual([]);
  });

  it('asks before the tab is closed during a session, and saves it as stopped early when closed', async () => {
    const { page } = env.s;
    const d = dialogs(page);
    d.accept = true;
    await page.goto(env.server.url + '/session');
    await page.getByLabel('Exercise').selectOption('half-kneeling-hip-flexor');
    await page.getByLabel('Back pain right now').fill('0');
    await page.getByLabel('Leg pain right now').fill('0');
    await page.getByRole('button', { name: 'Start session' }).click();
    await page.getByTestId('hold-timer').waitFor({ timeout: 90_000 });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => d.seen.map((x) => x.type()), { timeout: 20_000 }).toEqual(['beforeunload']);
    await expect.poll(async () => (await sessions()).length, { timeout: 30_000 }).toBe(3);
    const closed = (await sessions()).find((x) => x.body.sets.length === 1);
    expect(closed?.body.stopped_reason).toMatch(/^You left the page before the session ended/);
    expect(closed?.body.sets[0]!.aborted).toBe(true);
  });
});

describe('a hold on a phone shows the camera with its cue and the warnings, without scrolling', () => {
  // 4 pictures a second: the low frame-rate warning shows.
  const env = browserSuite({
    camera: () => fakeCamera('polybag_childs_pose_kneeling.mp4', 2, 1, 360, 4),
    viewport: SIZES[1],
    prepare: (base) => patientWithHalfKneelingPlan(base, `live-ph-${Date.now()}@example.org`),
  });

  it('keeps the camera large and on screen with the cue, the timer, the buttons and the frame-rate warning, none of them clipped', async () => {
    const { page } = env.s;
    await startSession(page, env.server.url, env.patient);
    const warning = page.getByTestId('framerate-warning');
    await expect.poll(() => warning.isVisible(), { timeout: 60_000 }).toBe(true);
    await page.getByRole('status').filter({ hasText: 'Camera on.' }).waitFor({ timeout: 60_000 });
    const view = { camera: page.locator('.stage'), cue: page.getByTestId('cue'), timer: page.getByTestId('hold-timer'), 'frame-rate warning': warning, 'End this hold': page.getByRole('button', { name: 'End this hold' }), 'Stop session': page.getByRole('button', { name: 'Stop session' }) };
    expect(await offScreen(page, view)).toEqual([]);
    // Nothing of them is hidden inside a box that scrolls or clips (the warning was, under the cue and the timer).
    const clipped = await page.evaluate(() =>
      ['.stage', '[data-testid="cue"]', '[data-testid="hold-timer"]', '[data-testid="framerate-warning"]'].filter((sel) => {
        const el = document.querySelector<HTMLElement>(sel)!;
        const r = el.getBoundingClientRect();
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const st = getComputedStyle(p);
          if (st.overflowY === 'visible' || st.display === 'contents') continue;
          const q = p.getBoundingClientRect();
          if (r.top < q.top - 1 || r.bottom > q.bottom + 1) return true;
        }
        return false;
      }),
    );
    expect(clipped).toEqual([]);
    // The camera is the largest part of the screen and comes before the notes, so a person on the floor sees themselves.
    const cam = (await view.camera.boundingBox())!;
    expect(cam.height).toBeGreaterThanOrEqual(0.3 * SIZES[1].height);
    expect(cam.y).toBeLessThan((await page.getByTestId('hold-timer').boundingBox())!.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIZES[1].width);
    await viewShot(page, 'live-session-hold-lowfps-390');
    // On a laptop (the live view scrolled to the top, as at the start of each hold) the same holds.
    await page.setViewportSize(SIZES[0]);
    await page.evaluate(() => document.querySelector('section.live')!.scrollIntoView({ block: 'start' }));
    await expect.poll(async () => offScreen(page, view)).toEqual([]);
    await viewShot(page, 'live-session-hold-lowfps-1280');
  });
});

describe('the intake keeps its answers as a draft on this device', () => {
  const env = browserSuite({ viewport: SIZES[1], prepare: (base) => new Patient(base, `live-in-${Date.now()}@example.org`).signUp() });

  const drafts = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('stretchwise.draft.')));
  const flags = (page: Page) => page.locator('form:not([hidden])').first().getByRole('group');

  it('keeps the answers across a reload, stays in the intake on Back, and drops the draft on signing out and on sending', async () => {
    const { page } = env.s;
    await signIn(page, env.server.url, env.patient, '/intake');
    await page.getByRole('heading', { level: 1, name: 'Before we start' }).waitFor({ timeout: 20_000 });
    for (let i = 0; i < 3; i++) await flags(page).nth(i).getByLabel('No', { exact: true }).check();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Before we start' }).waitFor({ timeout: 20_000 });
    for (let i = 0; i < 3; i++) expect(await flags(page).nth(i).getByLabel('No', { exact: true }).isChecked()).toBe(true);
    expect(await flags(page).nth(3).getByLabel('No', { exact: true }).isChecked()).toBe(false);
    expect(await drafts(page)).toEqual([`stretchwise.draft.intake.${env.patient.id}`]);

    // The questionnaires: a reload keeps the step and its answers.
    const n = await flags(page).count();
    for (let i = 3; i < n; i++) await flags(page).nth(i).getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const age = page.getByLabel('Your age in years');
    await age.fill('57');
    await page.getByLabel(/^1\. My back pain has spread/).selectOption('1');
    await page.reload();
    await age.waitFor({ timeout: 20_000 });
    expect(await age.inputValue()).toBe('57');
    expect(await page.getByLabel(/^1\. My back pain has spread/).inputValue()).toBe('1');

    // Back goes to the safety questions, with their answers; Forward to the questionnaires again.
    await page.goBack();
    await expect.poll(() => page.getByRole('button', { name: 'Continue' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/intake');
    expect(await flags(page).nth(n - 1).getByLabel('No', { exact: true }).isChecked()).toBe(true);
    await page.goForward();
    await expect.poll(() => age.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await age.inputValue()).toBe('57');
    await page.screenshot({ path: join(artifactsDir, 'live-intake-draft-390.png'), fullPage: true });

    // Signing out removes the draft from this device.
    await page.goto(env.server.url + '/account');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 20_000 });
    expect(await drafts(page)).toEqual([]);

    // Sent: the draft is gone.
    await signIn(page, env.server.url, env.patient, '/intake');
    await page.getByRole('heading', { level: 1, name: 'Before we start' }).waitFor({ timeout: 20_000 });
    expect(await flags(page).first().getByLabel('No', { exact: true }).isChecked()).toBe(false);
    await answerIntake(page, { pain: '2' });
    expect((await drafts(page)).length).toBe(1);
    await page.getByRole('button', { name: 'Save my answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor({ timeout: 20_000 });
    expect(await drafts(page)).toEqual([]);
    expect(env.s.consoleErrors).toEqual([]);
  });
});
