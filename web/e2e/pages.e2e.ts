// Every page, as a visitor, a new patient, a patient with a plan and a
// clinician see it: axe-core finds no serious or critical violation at
// 1280x800 and 390x844, no page scrolls sideways at 360 px, breaks a short
// word across lines or cuts text off (the patient's email address is
// 60 characters and more without a space), and no page
// shows a code name, file name or issue number (the text of every page
// visited is collected). With STRETCHWISE_SCREENSHOTS=DIR set (see
// scripts/screenshots.mjs), each page is also saved as DIR/NAME-desktop.png
// and DIR/NAME-phone.png.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainProblems } from '../src/i18n/plain';
import { auditPage, desktop, phone, textProblems, type SeenText } from './audit';
import { Patient, patientWithPlan } from './flow-api';
import { artifactsDir, buildBinary, launch, startServer, stopAll, type Server, type Session } from './harness';
import type { SchemaInvite, SchemaLogin } from '../src/openapi.gen';

type Who = 'visitor' | 'new' | 'patient' | 'clinician';

/** The tour: every page of the app, as who would see it. */
const tour: { name: string; path: string | (() => string); who: Who }[] = [
  { name: 'home-visitor', path: '/', who: 'visitor' },
  { name: 'signup', path: '/signup', who: 'visitor' },
  { name: 'login', path: '/login', who: 'visitor' },
  { name: 'reset', path: '/reset', who: 'visitor' },
  { name: 'demos', path: '/demos', who: 'visitor' },
  { name: 'camera', path: '/camera', who: 'visitor' },
  { name: 'video', path: '/video', who: 'visitor' },
  { name: 'not-found', path: '/no-such-page', who: 'visitor' },
  { name: 'today-new', path: '/', who: 'new' },
  { name: 'intake', path: '/intake', who: 'new' },
  { name: 'plan-new', path: '/plan', who: 'new' },
  { name: 'today', path: '/', who: 'patient' },
  { name: 'plan', path: '/plan', who: 'patient' },
  { name: 'screening', path: '/screening', who: 'patient' },
  { name: 'session', path: '/session', who: 'patient' },
  { name: 'history', path: '/history', who: 'patient' },
  { name: 'checkin', path: '/checkin', who: 'patient' },
  { name: 'account', path: '/account', who: 'patient' },
  { name: 'clinician', path: '/clinician', who: 'clinician' },
  { name: 'clinician-patient', path: () => `/clinician?patient=${patient.id}`, who: 'clinician' },
];

let patient: Patient;
const shots = process.env.STRETCHWISE_SCREENSHOTS;

async function screenshot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  for (const [size, vp] of [['desktop', desktop], ['phone', phone]] as const) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(300);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: join(shots, `${name}-${size}.png`), fullPage: true, clip: { x: 0, y: 0, width: vp.width, height: Math.min(height, 2 * vp.height) } });
  }
  await page.setViewportSize(desktop);
}

describe('every page', () => {
  let server: Server;
  let s: Session;
  let text: SeenText;
  const stamp = Date.now();
  const accounts: Record<Exclude<Who, 'visitor'>, { email: string; password: string }> = {
    new: { email: `new-${stamp}@example.org`, password: 'a patient passphrase' },
    // A long address without spaces (60 characters and more): it must wrap wherever it is shown, never widen a page.
    patient: { email: `plan-${stamp}.maximilian.alexander.langername@verylongsubdomain.example.org`, password: 'a patient passphrase' },
    clinician: { email: `dr-${stamp}@example.org`, password: 'a clinician passphrase' },
  };
  let signedIn: Who = 'visitor';

  beforeAll(async () => {
    server = await startServer();
    s = await launch({ viewport: desktop });
    text = s.seenText;
    // A patient with a screening, a plan, a session and a check-in; a new
    // patient with nothing yet; a clinician the first patient is linked to.
    mkdirSync(join(artifactsDir, 'media'), { recursive: true });
    const rec = join(artifactsDir, 'media', 'thomas-tight-left.jsonl');
    execFileSync(buildBinary(), ['synth', '--exercise', 'thomas-test', '--side', 'left', '--view', 'left', '--set', 'left_thigh_deg=15', '--duration', '6', '--fps', '15', '-o', rec], { stdio: 'ignore' });
    patient = await patientWithPlan(server.url, accounts.patient.email, [rec]);
    await patient.call('POST', '/sessions', {
      started_at: new Date(Date.now() - 86_400_000).toISOString(),
      pain_before: 2,
      leg_pain_before: 0,
      sets: [{ exercise: 'half-kneeling-hip-flexor', side: 'left', hold_s: 20, intensity: 4, pain: 2 }],
    });
    await patient.call('POST', '/checkins', { date: new Date().toISOString().slice(0, 10), pain: 2 });
    await new Patient(server.url, accounts.new.email).signUp();
    const dr = new Patient(server.url, accounts.clinician.email, accounts.clinician.password);
    await dr.call('POST', '/accounts', { email: dr.email, password: dr.password, role: 'clinician' });
    const login = (await dr.call('POST', '/login', { email: dr.email, password: dr.password })) as SchemaLogin;
    const invite = (await (
      await fetch(server.url + '/api/v1/invites', { method: 'POST', headers: { Authorization: `Bearer ${login.token}` } })
    ).json()) as SchemaInvite;
    await patient.call('POST', '/links', { code: invite.code });
  });

  afterAll(() => stopAll(s, server));

  async function signInAs(who: Who): Promise<void> {
    if (who === signedIn) return;
    await s.page.request.post(server.url + '/api/v1/logout');
    if (who !== 'visitor') {
      const r = await s.page.request.post(server.url + '/api/v1/login', { data: accounts[who] });
      expect(r.status()).toBe(200);
    }
    // A page that needs an account notes on the device whether someone is signed in (the start page asks the server only then).
    await s.page.goto(server.url + '/account');
    await s.page.locator('main h1').first().waitFor();
    signedIn = who;
  }

  it('finds what axe, the sideways check and the words check are there to find', async () => {
    const { page } = s;
    await page.goto(server.url + '/no-such-page');
    await page.locator('main h1').first().waitFor();
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      main.append(Object.assign(document.createElement('button'), { className: 'planted' }));
      main.append(Object.assign(document.createElement('p'), { className: 'planted', textContent: 'see CLINICAL.md', style: 'width: 500px' }));
      main.append(Object.assign(document.createElement('p'), { textContent: 'The exercise chosen is the bird dog, but the recording looks like the Thomas test.' }));
      main.append(Object.assign(document.createElement('p'), { textContent: 'Recordings', style: 'width: 2.5rem; overflow-wrap: anywhere' }));
      main.append(Object.assign(document.createElement('p'), { textContent: 'This warning is cut off after its first line.', style: 'width: 10rem; height: 1.5em; overflow: hidden' }));
    });
    await page.waitForTimeout(800);
    const found = await auditPage(page);
    expect(found.join('\n')).toMatch(/desktop: button-name \(critical\)/);
    expect(found.join('\n')).toMatch(/phone: button-name \(critical\)/);
    expect(found.join('\n')).toMatch(/360 px scrolls sideways: p\.planted/);
    expect(found.join('\n')).toMatch(/phone: "Recordings" broken across lines/);
    expect(found.join('\n')).toMatch(/phone: "This warning is cut off after its first line\." cut off by p\./);
    expect(textProblems(text).join('\n')).toContain('"CLINICAL.md" is a file name');
    expect(textProblems(text).join('\n')).toContain('"Thomas test" is a clinical test’s name');
    text.seen.clear();
  });

  it.each(tour)('$name passes axe at both sizes and fits 360 px', async ({ name, path, who }) => {
    const { page } = s;
    await signInAs(who);
    await page.setViewportSize(desktop);
    await page.goto(server.url + (typeof path === 'string' ? path : path()));
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    expect(await auditPage(page)).toEqual([]);
    await screenshot(page, name);
  });

  it('leads a new patient to the questions, and a patient with a plan to today’s exercises with their demonstrations', async () => {
    const { page } = s;
    await signInAs('new');
    await page.goto(server.url + '/');
    const next = page.getByTestId('today-next');
    expect(await next.textContent()).toBe('Answer the questions');
    expect(await next.getAttribute('href')).toBe('/intake');
    expect(await page.locator('.step[data-state="done"]').count()).toBe(0);
    await signInAs('patient');
    await page.goto(server.url + '/');
    // Questions, a test, the plan and this morning's check-in are done; today's session is next.
    await next.waitFor();
    expect(await next.textContent()).toBe('Start today’s session');
    expect(await page.locator('.step[data-state="done"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.step))).toEqual(['intake', 'screening', 'plan', 'checkin']);
    expect(await page.getByRole('progressbar').getAttribute('value')).toBe('4');
    const items = page.locator('.today-exercise');
    expect(await items.count()).toBeGreaterThan(1);
    // Every exercise of today has its animated demonstration, drawn.
    await expect.poll(() => page.locator('.today-exercise canvas').count(), { timeout: 60_000 }).toBe(await items.count());
  });

  it('puts the exercises first on the plan, the reasons folded and the sources behind a fold naming publications', async () => {
    const { page } = s;
    await signInAs('patient');
    await page.goto(server.url + '/plan');
    const first = page.locator('.plan-item').first();
    await first.waitFor();
    const order = await page.locator('.plan > *').evaluateAll((els) => els.map((e) => e.className || e.tagName.toLowerCase()));
    expect(order[0]).toBe('verdict');
    expect(order[1]).toBe('plan-items');
    expect(order.indexOf('plan-why')).toBe(order.length - 1);
    expect(await page.locator('.plan-why').getAttribute('open')).toBeNull();
    expect(await first.locator('.reasons').isVisible()).toBe(false);
    await first.locator('summary').first().click();
    expect(await first.locator('.reasons').isVisible()).toBe(true);
    const sources = first.locator('details.sources');
    expect(await sources.locator('.source').first().isVisible()).toBe(false);
    await sources.locator('summary').click();
    expect(await sources.locator('.source').first().isVisible()).toBe(true);
    // The sources name publications (authors and years), never a file or an issue of ours.
    const all = await page.locator('.plan details.sources .source').allTextContents();
    expect(all.some((x) => /[A-Z][a-z]+( et al\.| &)? .*(19|20)\d\d/.test(x))).toBe(true);
    expect(all.flatMap((x) => plainProblems(x))).toEqual([]);
  });

  it('shows no code name, file name or issue number on any page', async () => {
    await s.page.waitForTimeout(800);
    expect(text.seen.size).toBeGreaterThan(50);
    expect(textProblems(text)).toEqual([]);
  });
});
