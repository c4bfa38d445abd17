// Live framing guidance in real Chromium, with the real bird-dog clip as
// the camera (filmed from the left and a little behind; each lifted foot
// and the first reaching hand leave the picture): the camera check and the
// screening say in plain words which body part is out of the picture and
// what to do, with the placement picture, from the engine's framing rules;
// during a half-kneeling session the live coach says it too, on screen and
// by voice, and does not count the hold while it cannot see.
// Screenshots at 1280x800 and 390x844.
import { describe, expect, it } from 'vitest';
import { clippedText } from './audit';
import { browserSuite, fakeCamera, overflowsX, shot } from './harness';
import { patientWithHalfKneelingPlan, patientWithIntake, signIn, startSession } from './flow-api';

/** The words of package framing's live notes (framing/live.go). */
const OUT_OF_PICTURE = /^Your (left|right) (foot|knee|hand|elbow|shoulder|hip) is out of the picture: move the camera further back/;

describe('live framing guidance when a limb leaves the picture', () => {
  const email = `fr-${Date.now()}@example.org`;
  // The whole clip at 10 fps, 360 px wide; Chromium loops it.
  const env = browserSuite({
    camera: () => fakeCamera('polybag_bird_dog_left_side_slightly_behind.mp4', 0, 14, 360, 10),
    viewport: { width: 1280, height: 800 },
    prepare: (base) => patientWithIntake(base, email),
  });

  it('the camera check names the body part out of the picture, with the placement picture', async () => {
    const { page } = env.s;
    await page.goto(env.server.url + '/camera');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Camera check');
    await page.getByLabel('Pose model').selectOption('lite');
    await page.getByLabel('Camera view').selectOption('left');
    await page.getByLabel('Exercise').selectOption('bird-dog');
    const guide = page.getByTestId('framing-guide');
    expect(await guide.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Start camera' }).click();
    await guide.filter({ hasText: 'is out of the picture' }).waitFor({ timeout: 120_000 });
    const first = (await guide.locator('p').first().textContent()) ?? '';
    console.log(`camera check framing: ${JSON.stringify(await guide.locator('.framing-words p').allTextContents())}`);
    expect(first).toMatch(OUT_OF_PICTURE);
    expect(await guide.getAttribute('data-problems')).toMatch(/out_of_picture/);
    // The placement picture for a side view, beside the words.
    expect(await guide.getByRole('img', { name: /level with your hips, straight out to your left side/ }).count()).toBe(1);
    await shot(page, 'framing-01-camera-check', 120_000);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'framing-02-camera-check-phone', 120_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Stop camera' }).click();
    await page.getByTestId('person-status').filter({ hasText: 'Camera off' }).waitFor();
    expect(await guide.isVisible()).toBe(false);
    expect(env.s.consoleErrors).toEqual([]);
  });

  it('the screening says it before the recording, with the placement picture of the test', async () => {
    const { page } = env.s;
    await signIn(page, env.server.url, { email, password: 'a patient passphrase' }, '/screening');
    await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    const guide = page.getByTestId('framing-guide');
    await guide.filter({ hasText: 'is out of the picture' }).waitFor({ timeout: 120_000 });
    expect((await guide.locator('p').first().textContent()) ?? '').toMatch(OUT_OF_PICTURE);
    // The bird dog's picture: straight behind, whichever side is chosen.
    expect(await guide.getByRole('img', { name: /straight behind you/ }).count()).toBe(1);
    await shot(page, 'framing-03-screening', 120_000);
    // The words and the placement picture's caption wrap: nothing is cut off, on a desktop or a phone.
    expect(await clippedText(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsX(page)).toBe(false);
    expect(await clippedText(page)).toEqual([]);
    await shot(page, 'framing-04-screening-phone', 120_000);
    expect(env.s.consoleErrors).toEqual([]);
  });
});

describe('the live coach says which body part left the picture during a hold', () => {
  // The same clip as the camera of a half-kneeling session: the foot the man rests on lies at the
  // right edge, toes cut off, nearly all the time (docs/validation-real.md).
  const env = browserSuite({
    camera: () => fakeCamera('polybag_bird_dog_left_side_slightly_behind.mp4', 0, 14, 360, 10),
    viewport: { width: 1280, height: 800 },
    prepare: (base) => patientWithHalfKneelingPlan(base, `fr-s-${Date.now()}@example.org`),
    speech: true,
  });

  it('shows and speaks the part and what to do, and the timer does not count', async () => {
    const { page } = env.s;
    await startSession(page, env.server.url, env.patient);
    const cue = page.getByTestId('cue');
    await cue.filter({ hasText: 'is out of the picture' }).waitFor({ timeout: 120_000 });
    const text = (await cue.textContent()) ?? '';
    console.log(`session cue: ${JSON.stringify(text)}`);
    expect(text).toMatch(OUT_OF_PICTURE);
    await expect.poll(() => page.evaluate((said) => window.__spoken.includes(said), text), { timeout: 10_000 }).toBe(true);
    expect(Number((await page.getByTestId('hold-timer').getAttribute('data-hold-s')) ?? 'NaN')).toBe(0);
    await shot(page, 'framing-05-session', 120_000);
    // On a phone the long cue and the warning that the device checks too few pictures a second both show whole.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const rate = page.getByTestId('framerate-warning');
    if (await rate.isVisible()) console.log(`session framerate warning: ${JSON.stringify(await rate.textContent())}`);
    expect(await clippedText(page)).toEqual([]);
    await shot(page, 'framing-06-session-phone', 120_000);
    expect(env.s.consoleErrors).toEqual([]);
  });
});
