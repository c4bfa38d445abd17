// Safety first in real Chromium: the intake cannot be skimmed (nothing is
// preselected, Save points out what is unanswered), an emergency answer is
// saved and holds across a reload and a second device, a refer answer stops
// the camera test until the person states a clinician cleared them, and the
// server refuses what the page does not offer.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { answerIntake, patientWithIntake, patientWithPlan, signIn } from './flow-api';
import { browserSuite, overflowsX, shot, unlabelled } from './harness';
import type { Doc } from '../src/components/data';
import type { SchemaCheckIn, SchemaRedFlag } from '../src/openapi.gen';

async function signUp(page: Page, base: string, email: string): Promise<void> {
  await page.goto(base + '/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a calm long passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('button', { name: 'I have written it down, continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Before we start' }).waitFor({ timeout: 20_000 });
}

/** signUpReferred signs up a patient who answers yes to the cancer question, saves, and returns the refer banner once it shows. */
async function signUpReferred(page: Page, base: string, email: string): Promise<Locator> {
  await signUp(page, base, email);
  await answerIntake(page, { yes: [/Have you ever had cancer/] });
  await page.getByRole('button', { name: 'Save my answers' }).click();
  const banner = page.getByTestId('safety-banner');
  await banner.waitFor({ timeout: 20_000 });
  return banner;
}

async function api(page: Page, base: string, method: 'GET' | 'POST', path: string, body?: string, type = 'application/json'): Promise<{ status: number; json: any }> {
  const res = method === 'GET' ? await page.request.get(base + '/api/v1' + path) : await page.request.post(base + '/api/v1' + path, { data: body ?? '', headers: { 'Content-Type': type } });
  return { status: res.status(), json: await res.json() };
}

/** A short recording of a still body (30 frames of 33 landmarks), as the screening page uploads. */
function tinyRecording(): string {
  const header = { format: 'stretchwise-recording', version: 1, topology: 'blazepose33', fps: 30, width: 640, height: 480, view: 'rear-left', exercise: 'bird-dog' };
  const lm = Array.from({ length: 33 }, (_, i) => [0.3 + (i % 7) * 0.05, 0.2 + Math.floor(i / 7) * 0.12, 0, 0.9]);
  const frames = Array.from({ length: 30 }, (_, i) => JSON.stringify({ t: Number((i / 30).toFixed(4)), lm }));
  return [JSON.stringify(header), ...frames].join('\n') + '\n';
}

describe('the intake cannot be skimmed', () => {
  const env = browserSuite({ viewport: { width: 1280, height: 900 } });

  it('starts with nothing chosen and points out every unanswered question on Continue and on Save', async () => {
    const { s, server } = env;
    const { page } = s;
    await signUp(page, server.url, `skim-${Date.now()}@example.org`);
    // Hurrying past the questions to the movement tests: they wait for the answers.
    await page.goto(server.url + '/screening');
    await page.getByTestId('screening-needs-intake').waitFor();
    expect(await page.getByRole('button', { name: 'Start camera' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Answer the questions' }).click();
    await page.getByRole('button', { name: 'Continue' }).waitFor();
    expect(await page.locator('input[type=radio]:checked').count()).toBe(0);
    // Skim: Continue without answering.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('14 questions are not answered yet');
    expect(await page.locator('fieldset.unanswered').count()).toBe(14);
    // The mark is the question's own red border, which leaves room for its title, not an outline drawn across a title of two lines.
    expect(await page.locator('fieldset.unanswered').first().evaluate((el) => [getComputedStyle(el).outlineStyle, getComputedStyle(el).borderTopColor])).toEqual(['none', 'rgb(159, 18, 57)']);
    await shot(page, 'safety-01-intake-unanswered-desktop');
    // The count follows each answer, without pressing Continue again.
    await page.locator('form').first().getByRole('group').last().getByLabel('No', { exact: true }).check();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('13 questions are not answered yet');
    // Every safety question "No", then Save without touching the questionnaires.
    for (const g of await page.locator('form').first().getByRole('group').all()) await g.getByLabel('No', { exact: true }).check();
    expect(await page.locator('fieldset.unanswered').count()).toBe(0);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('form:not([hidden]) select').evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value))).toEqual(Array(19).fill(''));
    // An age of 999 is answered, wrongly: the page says why, not "Please answer this question".
    await page.getByLabel('Your age in years').fill('999');
    await page.getByRole('button', { name: 'Save my answers' }).click();
    const ageField = page.locator('.field').filter({ has: page.getByLabel('Your age in years') });
    expect(await ageField.locator('.missing-note').textContent()).toBe('Please give your age in whole years, from 1 to 120.');
    const said = await page.locator('form:not([hidden]) [role="status"]').textContent();
    expect(said).toContain('1 answer needs a change: it says why in red.');
    expect(said).toContain('21 questions are not answered yet');
    await ageField.scrollIntoViewIfNeeded();
    await shot(page, 'safety-01b-intake-age-999-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'safety-01c-intake-age-999-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Your age in years').fill('');
    await page.getByRole('button', { name: 'Save my answers' }).click();
    // Age, new pain, 9 STarT Back items, 10 Oswestry sections and pain now.
    await expect.poll(() => page.locator('form:not([hidden]) [role=status]').textContent()).toContain('22 questions are not answered yet');
    expect(await page.locator('.unanswered').count()).toBe(22);
    expect(await page.getByLabel('Your age in years').getAttribute('aria-invalid')).toBe('true');
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'safety-02-questionnaire-unanswered-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'safety-02-questionnaire-unanswered-phone');
    // A long answer chosen on a phone wraps in its box (two lines or more) instead of being cut off.
    const sels = page.locator('form:not([hidden]) select');
    const lengths = await sels.evaluateAll((els) => els.map((el) => Math.max(...[...(el as HTMLSelectElement).options].map((o) => o.text.length))));
    const sel = sels.nth(lengths.indexOf(Math.max(...lengths)));
    const longest = await sel.evaluate((el) => [...(el as HTMLSelectElement).options].reduce((a, o) => (o.text.length > a.text.length ? o : a)).value);
    const oneLine = (await sel.boundingBox())!.height;
    await sel.selectOption(longest);
    expect((await sel.boundingBox())!.height).toBeGreaterThan(oneLine * 1.4);
    await shot(page, 'safety-03-questionnaire-long-answer-phone');
    await sel.selectOption('');
    expect((await api(page, server.url, 'GET', '/intakes')).json).toEqual([]);
    // The server refuses the same skim: pain now and the questionnaires left out.
    const flags = (await api(page, server.url, 'GET', '/red-flags')).json as SchemaRedFlag[];
    const skim = await api(page, server.url, 'POST', '/intakes', JSON.stringify({ red_flag_answers: flags.slice(1).map((f) => ({ flag: f.code, answer: 'no' })) }));
    expect(skim.status).toBe(400);
    expect(skim.json.error.message).toContain('"Have you had new trouble passing or holding urine or stools?"');
    expect(s.consoleErrors.filter((e) => !e.includes('400'))).toEqual([]);
  });
});

describe('an emergency answer is saved and holds', () => {
  const env = browserSuite({ viewport: { width: 390, height: 844 } });
  const email = `emergency-${Date.now()}@example.org`;

  it('saves the answers at once and shows the stop on every page, after a reload too', async () => {
    const { s, server } = env;
    const { page } = s;
    await signUp(page, server.url, email);
    // Keyboard only: the first question answered no, then the saddle numbness question yes; the
    // emergency is acted on at once, without the twelve questions after it or Continue.
    for (const g of await page.locator('form').first().getByRole('group').all()) {
      const q = (await g.locator('legend').textContent()) ?? '';
      if (/numbness around your bottom/.test(q)) {
        await g.getByLabel('Yes', { exact: true }).focus();
        await page.keyboard.press('Space');
        break;
      } else await g.getByLabel('No', { exact: true }).check();
    }
    const banner = page.getByTestId('safety-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.getByRole('heading').textContent()).toBe('Stop. Get emergency care now.');
    expect(await banner.textContent()).toContain('You have new numbness around your bottom, genitals or inner thighs.');
    expect(await banner.textContent()).not.toMatch(/saddle_numbness|cauda_equina/);
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'safety-03-emergency-phone');
    // Saved: one intake with the two answers given (the others left out, not taken as no).
    const intakes = (await api(page, server.url, 'GET', '/intakes')).json;
    expect(intakes).toHaveLength(1);
    expect(intakes[0].body.red_flag_answers.map((a: { answer: string }) => a.answer)).toEqual(['no', 'yes']);
    // Reload: the stop is still there, and /intake does not offer a fresh form.
    await page.reload();
    await banner.waitFor();
    expect(await banner.getAttribute('data-state')).toBe('emergency');
    expect(await page.getByRole('button', { name: 'Continue' }).count()).toBe(0);
    // Answering again: the banner says it is about the earlier answers.
    await page.goto(server.url + '/intake?again=1');
    await page.getByRole('button', { name: 'Continue' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('safety-earlier').waitFor();
    expect(await page.getByTestId('safety-earlier').textContent()).toBe('This is about your earlier answers. It changes when you save your new answers below.');
    await shot(page, 'safety-11-answer-again-emergency-phone');
    // /screening explains instead of offering the camera, and the server refuses a screening.
    await page.goto(server.url + '/screening');
    await page.getByTestId('safety-refusal').waitFor();
    expect(await page.getByRole('button', { name: 'Start camera' }).count()).toBe(0);
    expect(await banner.getAttribute('data-state')).toBe('emergency');
    await shot(page, 'safety-04-emergency-screening-refused-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'safety-05-emergency-screening-refused-desktop');
    const up = await api(page, server.url, 'POST', '/recordings?kind=screening', tinyRecording(), 'application/x-ndjson');
    expect(up.status).toBe(403);
    expect(up.json.error.message).toContain('Camera tests are stopped for your safety');
    // A statement does not clear an emergency.
    const clear = await api(page, server.url, 'POST', '/safety/clearance', JSON.stringify({ statement: 'A clinician has seen me about these warning signs and cleared me to exercise.' }));
    expect(clear.status).toBe(409);
    expect(s.consoleErrors.filter((e) => !/40[39]/.test(e))).toEqual([]);
  });

  it('shows the standing emergency on a second device signed in to the same account', async () => {
    const { s, server } = env;
    const other = await s.browser.newContext({ viewport: { width: 390, height: 844 } });
    try {
      const page = await other.newPage();
      await signIn(page, server.url, { email, password: 'a calm long passphrase' }, '/session');
      const banner = page.getByTestId('safety-banner');
      await banner.waitFor({ timeout: 20_000 });
      expect(await banner.getAttribute('data-state')).toBe('emergency');
      await page.getByTestId('safety-refusal').waitFor();
      expect(await page.getByTestId('safety-refusal').textContent()).toContain('Exercise sessions are stopped for your safety');
      expect(await page.getByRole('button', { name: 'Start session' }).count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});

describe('a refer answer stops exercise until a clinician has cleared it', () => {
  const env = browserSuite({ viewport: { width: 1280, height: 900 } });

  it('shows the banner in plain words, refuses the screening, records the clearance and then offers the camera', async () => {
    const { s, server } = env;
    const { page } = s;
    const banner = await signUpReferred(page, server.url, `refer-${Date.now()}@example.org`);
    expect(await banner.getAttribute('data-state')).toBe('refer');
    expect(await banner.getByRole('heading').textContent()).toBe('See a clinician before you exercise.');
    expect(await banner.textContent()).toContain('You have had cancer.');
    // The plan says the same, with no code names anywhere on the page.
    await page.getByTestId('plan-action').waitFor();
    expect(await page.getByTestId('plan-action').textContent()).toBe('Please see a clinician before starting.');
    expect(await page.locator('body').textContent()).not.toMatch(/cancer_history|red_flag_|refer_first/);
    await shot(page, 'safety-06-refer-plan-desktop');
    // /screening refuses, and so does the server.
    await page.goto(server.url + '/screening');
    await page.getByTestId('safety-refusal').waitFor();
    expect(await page.getByRole('button', { name: 'Start camera' }).count()).toBe(0);
    await shot(page, 'safety-07-refer-screening-refused-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'safety-08-refer-screening-refused-phone');
    const up = await api(page, server.url, 'POST', '/recordings?kind=screening', tinyRecording(), 'application/x-ndjson');
    expect(up.status).toBe(403);
    // The person's statement, with who cleared them: recorded, and the camera test is back.
    // A name in accented letters is kept to the 200 characters the server allows (it once counted bytes: 'longer than 200 bytes').
    const who = banner.getByLabel('Who cleared you (optional)');
    await who.fill('Dr Rivera, GP ' + 'ö'.repeat(250));
    expect([...(await who.inputValue())].length).toBe(200);
    expect(await banner.getByTestId('char-count').textContent()).toBe('This box is full: 200 characters at most.');
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'safety-08b-clearance-name-full-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'safety-08c-clearance-name-full-desktop');
    await who.fill('Dr Rivera, GP');
    expect(await banner.getByTestId('char-count').textContent()).toBe('187 characters left.');
    await banner.getByRole('button', { name: 'A clinician has cleared me' }).click();
    await page.getByRole('button', { name: 'Start camera' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('safety-banner').count()).toBe(0);
    const st = (await api(page, server.url, 'GET', '/safety')).json;
    expect(st.state).toBe('clear');
    expect(st.clearance.clinician).toBe('Dr Rivera, GP');
    expect(st.clearance.stated_by).toBeGreaterThan(0);
    expect(Date.now() - Date.parse(st.clearance.stated_at)).toBeLessThan(120_000);
    expect((await api(page, server.url, 'POST', '/recordings?kind=screening', tinyRecording(), 'application/x-ndjson')).status).toBe(201);
    expect(s.consoleErrors.filter((e) => !e.includes('403'))).toEqual([]);
  });
});

describe('a warning sign is not taken back silently', () => {
  const env = browserSuite({ viewport: { width: 1280, height: 800 } });

  it('asks for a second, explained step before a yes to a warning sign becomes a no, and keeps the refer without it', async () => {
    const { page } = env.s;
    const { server } = env;
    await signUpReferred(page, server.url, `withdraw-${Date.now()}@example.org`);

    // Minutes later, the same questions with the sign unticked: the page asks first.
    await page.goto(server.url + '/intake');
    await page.getByRole('heading', { level: 1, name: 'Before we start' }).waitFor({ timeout: 20_000 });
    await answerIntake(page);
    const step = page.getByTestId('withdraw');
    await step.waitFor({ timeout: 20_000 });
    expect(await step.getByRole('heading').textContent()).toBe('You changed an answer about a warning sign');
    const confirm = step.getByLabel('Before, you told us: you have had cancer. I confirm that my answer is now no.');
    expect(await confirm.isChecked()).toBe(false);
    expect(await page.getByLabel('Your age in years').isVisible()).toBe(false);
    await shot(page, 'safety-09-withdraw-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsX(page)).toBe(false);
    await step.scrollIntoViewIfNeeded();
    await shot(page, 'safety-10-withdraw-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    // Continue without confirming: refused with a reason; the server refuses the same.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('Please confirm each changed answer about a warning sign').count()).toBe(1);
    const flags = (await api(page, server.url, 'GET', '/red-flags')).json as { code: string }[];
    const allNo = JSON.stringify({ age: 40, start_back: [0, 0, 0, 0, 0, 0, 0, 0, 0], odi: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nprs: 1, red_flag_answers: flags.map((f) => ({ flag: f.code, answer: 'no' })) });
    const refused = await api(page, server.url, 'POST', '/intakes', allNo);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain('you have had cancer');
    expect((await api(page, server.url, 'GET', '/safety')).json.state).toBe('refer');
    // "Keep my earlier answers" puts the yes back.
    await step.getByRole('button', { name: 'Keep my earlier answers' }).click();
    expect(await page.getByRole('group', { name: /Have you ever had cancer/ }).getByLabel('Yes', { exact: true }).isChecked()).toBe(true);
    expect(await step.isVisible()).toBe(false);

    // Taken back on purpose: confirmed, saved with the withdrawal, and the plan is made.
    await answerIntake(page);
    await confirm.check();
    await answerIntake(page);
    await page.getByRole('button', { name: 'Save my answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor({ timeout: 20_000 });
    expect((await api(page, server.url, 'GET', '/safety')).json.state).toBe('clear');
    const intakes = (await api(page, server.url, 'GET', '/intakes')).json as { body: { withdrawn_flags?: string[] } }[];
    expect(intakes.map((d) => d.body.withdrawn_flags ?? [])).toEqual([[], ['cancer_history']]);
  });
});

describe('the morning check-in on a phone', () => {
  const env = browserSuite({ viewport: { width: 390, height: 844 } });

  it('shows the 0 to 10 scale, takes a first arrow key as 0 (not the middle), and says it saved', async () => {
    const { page } = env.s;
    await signUp(page, env.server.url, `checkin-${Date.now()}@example.org`);
    await page.goto(env.server.url + '/checkin');
    await page.getByRole('heading', { level: 1, name: 'Morning check-in' }).waitFor({ timeout: 20_000 });
    const back = page.locator('.slider').filter({ has: page.getByLabel('Back pain this morning') });
    const scale = back.getByTestId('slider-scale');
    expect(await scale.isVisible()).toBe(true);
    expect(await scale.textContent()).toMatch(/^012345678910.*0: no pain.*10: worst imaginable$/);
    // The "not chosen yet" words end before the next question starts.
    const outBox = (await back.locator('output').boundingBox())!;
    const nextBox = (await page.getByText('Leg pain this morning', { exact: true }).boundingBox())!;
    expect(outBox.y + outBox.height).toBeLessThanOrEqual(nextBox.y);
    await shot(page, 'checkin-01-unset-phone');
    // One ArrowRight on an unset slider chooses 0, not 6 (a step up from the hidden middle).
    await page.getByLabel('Back pain this morning').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByLabel('Back pain this morning').getAttribute('aria-valuetext')).toBe('0 out of 10, no pain');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByLabel('Back pain this morning').getAttribute('aria-valuetext')).toBe('1 out of 10, mild');
    // A tap on a number of the scale chooses it.
    await page.locator('.slider').filter({ has: page.getByLabel('Leg pain this morning') }).locator('.slider-marks span[data-v="3"]').click();
    expect(await page.getByLabel('Leg pain this morning').getAttribute('aria-valuetext')).toBe('3 out of 10, mild');
    // A note of 4000 characters with accents and an emoji is taken whole by the page and by the server (which once counted bytes).
    const note = 'é'.repeat(3999) + '🙂';
    const box = page.getByLabel('Anything else? (optional)');
    await box.fill(note + 'more');
    expect(await box.inputValue()).toBe(note);
    expect(await page.getByTestId('char-count').textContent()).toBe('This box is full: 4,000 characters at most.');
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'checkin-01b-note-full-phone');
    await page.getByRole('button', { name: 'Save check-in' }).click();
    const saved = page.getByTestId('checkin-saved');
    await saved.waitFor({ timeout: 30_000 });
    expect(await saved.textContent()).toBe('Your check-in is saved. Thank you.');
    const list = (await api(page, env.server.url, 'GET', '/checkins')).json as Doc<SchemaCheckIn>[];
    expect(list.map((c) => [c.body.pain, c.body.leg_pain, c.body.notes])).toEqual([[1, 3, note]]);
    await shot(page, 'checkin-02-saved-phone');
  });
});

describe('a stop for today holds for the day', () => {
  const env = browserSuite({ viewport: { width: 390, height: 844 } });

  it('says on Home and the session page that today’s exercises are stopped, and offers no session', async () => {
    const { s, server } = env;
    const { page } = s;
    const p = await patientWithPlan(server.url, `stop-today-${Date.now()}@example.org`);
    // A session this morning (on this device's clock) where back pain rose from 3 to 6: the server's guard stops it.
    const bd = '"exercise":"bird-dog"';
    const started = new Date(Date.now() - 60_000).toISOString();
    const events = `[{"kind":"set_started","t":0,${bd}},{"kind":"set_ended","t":10,${bd}},{"kind":"intensity","t":11,"value":3,${bd}},{"kind":"pain","t":11,"value":6,"location":"back"},{"kind":"pain","t":11,"value":0,"location":"leg"}]`;
    const stored = (await p.call('POST', '/sessions', `{${bd},"started_at":"${started}","pain_before":3,"leg_pain_before":0,"sets":[{${bd},"hold_s":10,"intensity":3,"pain":6,"leg_pain":0}],"events":${events}}`)) as Doc<{ guard: { state: string } }>;
    expect(stored.body.guard.state).toBe('stopped');
    await signIn(page, server.url, p, '/');
    const notice = page.getByTestId('stop-today');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.getByRole('heading').textContent()).toBe('Today’s exercises are stopped because your pain went up');
    expect(await notice.textContent()).toContain('Your back pain went from 3 to 6 out of 10');
    expect(await page.locator('main').textContent()).not.toContain('Well done');
    expect(await page.getByRole('link', { name: 'Start today’s session' }).count()).toBe(0);
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'safety-07-stop-today-home-phone');
    await page.goto(server.url + '/session');
    await notice.waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: 'Start session' }).count()).toBe(0);
    expect(await notice.textContent()).toContain('no more sessions today');
    await shot(page, 'safety-08-stop-today-session-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'safety-09-stop-today-session-desktop');
  });
});

describe('signing in', () => {
  const env = browserSuite({ viewport: { width: 1280, height: 900 } });

  it('takes a patient who has answered the questions to Today, not to a blank intake', async () => {
    const { s, server } = env;
    const { page } = s;
    const p = await patientWithIntake(server.url, `signin-${Date.now()}@example.org`);
    await page.goto(server.url + '/login');
    await page.getByLabel('Email').fill(p.email);
    await page.getByLabel('Password').fill(p.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('[data-step="intake"]').getAttribute('data-state')).toBe('done');
    await shot(page, 'safety-10-signin-today-desktop');
    // Answering again: the questionnaires start from the earlier answers (age 40, pain now 1).
    await page.goto(server.url + '/intake');
    await page.getByRole('button', { name: 'Continue' }).waitFor({ timeout: 20_000 });
    for (const g of await page.locator('form').first().getByRole('group').all()) await g.getByLabel('No', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByLabel('Your age in years').inputValue()).toBe('40');
    expect(await page.locator('input[name=nprs][value="1"]').isChecked()).toBe(true);
    await shot(page, 'safety-12-answer-again-prefilled-desktop');
  });
});
