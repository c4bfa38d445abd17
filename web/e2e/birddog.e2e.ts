// The bird-dog session in real Chromium with a real bird-dog video as the
// camera: the live coach's bird-dog cues (not the stretch's), a timer that
// counts only a steady, level reach, end-of-hold words that match the hold,
// sliders that start unset and cannot be saved untouched, a hold stopped
// before its report stored without pain, and a check-in that does not
// compare with pain nobody entered. Screenshots at 1280x900 and 390x844.
import { describe, expect, it } from 'vitest';
import { browserSuite, fakeCamera, overflowsX, shot } from './harness';
import { patientWithPlan, saveCheckIn, startSession } from './flow-api';
import type { Doc } from '../src/components/data';
import type { SchemaSession } from '../src/openapi.gen';

// The cues the bird-dog coach can give (package coach, cues.go).
const BIRD_DOG_CUES = [
  'Get into position.',
  'Get on your hands and knees: hands under your shoulders, knees under your hips',
  'Slowly reach one arm forward and the opposite leg back',
  'Keep your hips level: don’t let them tip toward the lifted leg',
  "Keep your hips level: don't let them tip toward the lifted leg",
  'Keep your shoulders level: push the floor away with your supporting hand',
  'Lower your arm and leg a little: level with your back, no higher',
  'Reach a little further: arm and leg level with your back',
  'Hold still: slow and steady',
  "That's it: hold it steady and keep breathing",
  'Good hold. Lower your arm and leg slowly',
];

describe('a bird-dog session is coached as a strength exercise, and its pain values are only what was entered', () => {
  // The whole clip (two reaches, each foot and the first reaching hand leaving the picture), 10 fps; Chromium loops it.
  const env = browserSuite({
    camera: () => fakeCamera('polybag_bird_dog_left_side_slightly_behind.mp4', 0, 14, 360, 10),
    prepare: (base) => patientWithPlan(base, `bd-${Date.now()}@example.org`),
    speech: true,
  });

  it('shows and speaks the bird-dog coach’s cues and counts only a steady reach', async () => {
    const { page } = env.s;
    await startSession(page, env.server.url, env.patient, 'bird-dog');
    const timer = page.getByTestId('hold-timer');
    const cue = page.getByTestId('cue');
    expect(await page.getByText('Form is not checked by the camera').count()).toBe(0);
    // Watch the live view for 25 s of video (about two passes of the clip, and three times the
    // 8 s target): the person is in view all along, but reaches only part of the time.
    const seen = new Set<string>();
    const states = new Set<string>();
    let maxHold = 0;
    const t0 = Date.now();
    let shotTaken = false;
    while (Date.now() - t0 < 25_000) {
      if (await page.getByTestId('hold-end').isVisible()) break;
      seen.add((await cue.textContent()) ?? '');
      states.add((await cue.getAttribute('data-state')) ?? '');
      maxHold = Math.max(maxHold, Number((await timer.getAttribute('data-hold-s')) ?? 0));
      if (!shotTaken && Date.now() - t0 > 8_000) {
        await shot(page, 'birddog-01-session', 120_000);
        await page.setViewportSize({ width: 390, height: 844 });
        expect(await overflowsX(page)).toBe(false);
        await shot(page, 'birddog-02-session-phone', 120_000);
        await page.setViewportSize({ width: 1280, height: 900 });
        shotTaken = true;
      }
      await page.waitForTimeout(250);
    }
    const elapsed = (Date.now() - t0) / 1000;
    console.log(`bird-dog live: cues ${JSON.stringify([...seen])}, states ${JSON.stringify([...states])}, best hold ${maxHold.toFixed(2)} s in ${elapsed.toFixed(0)} s`);
    // Only the bird-dog coach's words; the in-view timer would have reached the target within 8 s.
    for (const c of seen) expect(BIRD_DOG_CUES).toContain(c);
    expect(await page.getByTestId('hold-end').isVisible()).toBe(false);
    expect(maxHold).toBeLessThan(8);
    expect(maxHold).toBeLessThan(elapsed / 2);
    const spoken = await page.evaluate(() => window.__spoken);
    expect(spoken.some((t) => /a steady effort/.test(t))).toBe(true);
    expect(spoken.filter((t) => /stretch|mild tension/i.test(t))).toEqual([]);
  });

  it('ends the hold with words that match it, and refuses untouched sliders', async () => {
    const { page } = env.s;
    const held = Number((await page.getByTestId('hold-timer').getAttribute('data-hold-s')) ?? 0);
    // The pose model keeps the page busy on a loaded machine: give the clicks in the live view time.
    await page.getByRole('button', { name: 'End this hold' }).click({ timeout: 120_000 });
    const words = page.getByTestId('hold-result');
    await words.waitFor();
    const text = (await words.textContent()) ?? '';
    expect(text).not.toMatch(/Well done|stretch/);
    // The hold counts its longest reach: never less than the timer showed before the click (the
    // live view may count on while the click is on its way, and a new reach starts the timer again).
    const counted = Number(await words.getAttribute('data-hold-s'));
    expect(counted).toBeGreaterThanOrEqual(held);
    expect(counted).toBeLessThan(8);
    expect(text).toMatch(counted >= 1 ? new RegExp(`^You held it in good form for ${Math.floor(counted)} of 8 seconds\\. Lower your arm and leg slowly`) : /^That hold did not count: I did not see a steady, level reach\./);
    const spoken = await page.evaluate(() => window.__spoken);
    expect(spoken[spoken.length - 1]).toBe(text);
    expect(await page.getByLabel('How hard was that hold?').getAttribute('aria-valuetext')).toBe('not chosen yet');
    await page.getByRole('button', { name: 'Save this hold' }).click({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('hold-end').getByRole('alert').textContent()).toMatch(/^Please choose a value for: How hard was that hold\?; Back pain now; Leg pain now\./);
    expect(await page.locator('.guard [data-code^="pain"], .guard [data-code^="intensity"]').count()).toBe(0);
    await shot(page, 'birddog-03-hold-end', 120_000);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'birddog-04-hold-end-phone', 120_000);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('stops the session with the report not given: the set is stored as aborted, without pain', async () => {
    const { page } = env.s;
    await page.getByTestId('hold-end').getByRole('button', { name: 'Stop session' }).click({ timeout: 120_000 });
    await page.getByRole('heading', { name: 'Session stopped and saved' }).waitFor({ timeout: 30_000 });
    const sessions = (await env.patient.call('GET', '/sessions')) as Doc<SchemaSession>[];
    expect(sessions.length).toBe(1);
    const b = sessions[0]!.body;
    expect(b.pain_before).toBe(0);
    expect(b.sets.length).toBe(1);
    expect(b.sets[0]!['aborted']).toBe(true);
    expect('pain' in b.sets[0]!).toBe(false);
    expect('intensity' in b.sets[0]!).toBe(false);
    expect(b.events?.some((e) => e.kind === 'pain') ?? false).toBe(false);
    expect(b.guard?.max_pain).toBeUndefined();
  });

  it('takes the morning check-in only with chosen values, and does not compare with pain nobody entered', async () => {
    const { page } = env.s;
    await page.goto(env.server.url + '/checkin');
    await page.getByRole('heading', { level: 1, name: 'Morning check-in' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Save check-in' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Please choose a value for' }).textContent()).toMatch(/Back pain this morning; Leg pain this morning/);
    expect(((await env.patient.call('GET', '/checkins')) as unknown[]).length).toBe(0);
    await shot(page, 'birddog-05-checkin-unset');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'birddog-06-checkin-unset-phone');
    const r = await saveCheckIn(page, '5', '0');
    // The only session had no pain reported during it: no "worse this morning (5, up from 0)".
    expect(await r.getAttribute('data-change')).toBe('none');
    expect(await r.textContent()).not.toMatch(/up from/);
    await shot(page, 'birddog-07-checkin-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'birddog-08-checkin');
    expect(env.s.consoleErrors).toEqual([]);
  });
});
