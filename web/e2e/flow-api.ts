// A patient account driven through the JSON API with a bearer token, as a
// script would: the browser flow tests use it to set up other accounts.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir, buildBinary } from './harness';
import type { SchemaAccountCreated, SchemaLogin, SchemaRedFlag } from '../src/openapi.gen';

/** Patient is an account driven through the API with a bearer token. */
export class Patient {
  id = 0;
  private token = '';
  constructor(
    private readonly base: string,
    readonly email: string,
    readonly password = 'a patient passphrase',
  ) {}

  async call(method: string, path: string, body?: unknown, type = 'application/json'): Promise<unknown> {
    const res = await fetch(this.base + '/api/v1' + path, {
      method,
      headers: { ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}), ...(body !== undefined ? { 'Content-Type': type } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  /** postIntake saves an intake answering every safety question: the codes in yes "yes", all others "no". */
  async postIntake(rest: Record<string, unknown>, yes: string[] = []): Promise<unknown> {
    const flags = (await this.call('GET', '/red-flags')) as SchemaRedFlag[];
    const answers = flags.map((f) => ({ flag: f.code, answer: yes.includes(f.code) ? 'yes' : 'no' }));
    return this.call('POST', '/intakes', { ...rest, red_flag_answers: answers });
  }

  async signUp(): Promise<this> {
    const u = (await this.call('POST', '/accounts', { email: this.email, password: this.password, role: 'patient' })) as SchemaAccountCreated;
    this.id = u.id;
    this.token = ((await this.call('POST', '/login', { email: this.email, password: this.password })) as SchemaLogin).token;
    return this;
  }
}

/** A low-risk intake with every safety question answered "no". */
export const lowRiskIntake = { age: 40, start_back: [0, 0, 0, 0, 0, 0, 0, 0, 0], odi: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], nprs: 1 };

/** patientWithIntake signs up a patient who has answered the questions (lowRiskIntake): the movement tests come after them. */
export async function patientWithIntake(base: string, email: string): Promise<Patient> {
  const patient = await new Patient(base, email).signUp();
  await patient.postIntake(lowRiskIntake);
  return patient;
}

/**
 * patientWithPlan signs up a patient and makes their plan through the API:
 * an intake without red flags (a plan with the bird dog at level 2, hold
 * 8 s, and other stability work), after the screening recordings given.
 */
export async function patientWithPlan(base: string, email: string, screenings: string[] = []): Promise<Patient> {
  const patient = await new Patient(base, email).signUp();
  for (const rec of screenings) await patient.call('POST', '/recordings?kind=screening', readFileSync(rec, 'utf8'), 'application/x-ndjson');
  await patient.postIntake(lowRiskIntake);
  await patient.call('POST', '/plans', {});
  return patient;
}

/**
 * patientWithHalfKneelingPlan signs up a patient whose plan has the
 * half-kneeling hip flexor stretch: a plan with it needs tight hip flexors,
 * so a Thomas test of the synthetic body with the left thigh 15 degrees
 * above horizontal comes first.
 */
export async function patientWithHalfKneelingPlan(base: string, email: string): Promise<Patient> {
  const rec = join(artifactsDir, 'media', 'thomas-tight-left.jsonl');
  execFileSync(buildBinary(), ['synth', '--exercise', 'thomas-test', '--side', 'left', '--view', 'left', '--set', 'left_thigh_deg=15', '--duration', '6', '--fps', '15', '-o', rec], { stdio: 'ignore' });
  return patientWithPlan(base, email, [rec]);
}

/** What the session page says the timer counts, per coached exercise: shown once the camera and the pose model run. */
export const timerNotes = {
  'half-kneeling-hip-flexor': 'The timer counts only the time you hold the stretch in good form.',
  'bird-dog': 'The timer counts only while your arm and leg are held up, steady and level.',
} as const;

/**
 * startSession signs the patient in through the login form and starts a
 * guided session of a coached exercise with no back or leg pain before,
 * returning once the timer's explanation shows (the camera and the pose
 * model are running).
 */
export async function startSession(page: Page, base: string, p: Patient, exercise: keyof typeof timerNotes = 'half-kneeling-hip-flexor'): Promise<void> {
  await signIn(page, base, p, '/session');
  await page.getByRole('heading', { level: 1, name: 'Today’s session' }).waitFor({ timeout: 20_000 });
  await page.getByLabel('Exercise').selectOption(exercise);
  await page.getByLabel('Back pain right now').fill('0');
  await page.getByLabel('Leg pain right now').fill('0');
  await page.getByRole('button', { name: 'Start session' }).click();
  await page.getByText(timerNotes[exercise]).waitFor({ timeout: 90_000 });
}

/**
 * signIn signs someone in on the sign-in page, which then goes on to next
 * (a path of the app); it does not wait for that page.
 */
export async function signIn(page: Page, base: string, who: { email: string; password: string }, next: string): Promise<void> {
  await page.goto(`${base}/login?next=${next}`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * saveHold answers the questions after a hold (effort: the exercise's own
 * slider, label and value; then back and leg pain now) and saves them.
 */
export async function saveHold(page: Page, effort: [string, string], back: string, leg: string): Promise<void> {
  await page.getByLabel(effort[0]).fill(effort[1]);
  await page.getByLabel('Back pain now').fill(back);
  await page.getByLabel('Leg pain now').fill(leg);
  await page.getByRole('button', { name: 'Save this hold' }).click();
}

/**
 * saveCheckIn answers the morning check-in's two pains, saves it and
 * returns the next-morning rule's answer once it shows.
 */
export async function saveCheckIn(page: Page, back: string, leg: string): Promise<Locator> {
  await page.getByLabel('Back pain this morning').fill(back);
  await page.getByLabel('Leg pain this morning').fill(leg);
  await page.getByRole('button', { name: 'Save check-in' }).click();
  const r = page.getByTestId('checkin-result');
  await r.waitFor({ timeout: 30_000 });
  return r;
}

/**
 * answerIntake fills the intake in the browser as a person would: every
 * safety question "No" except those whose question matches one of yes,
 * Continue, and then (unless an emergency sign was yes) age, new pain
 * "No", every questionnaire item on its first answer unless set names
 * another (label pattern, option value), and pain now. It does not save.
 */
export async function answerIntake(page: Page, opts: { yes?: RegExp[]; set?: [RegExp, string][]; pain?: string; age?: string } = {}): Promise<void> {
  const groups = page.locator('main form:not([hidden])').first().getByRole('group');
  const n = await groups.count();
  for (let i = 0; i < n; i++) {
    const g = groups.nth(i);
    const q = (await g.locator('legend').textContent()) ?? '';
    await g.getByLabel((opts.yes ?? []).some((r) => r.test(q)) ? 'Yes' : 'No', { exact: true }).check();
  }
  await page.getByRole('button', { name: 'Continue' }).click();
  const age = page.getByLabel('Your age in years');
  if (!(await age.isVisible())) return; // an emergency: saved at once
  await age.fill(opts.age ?? '42');
  await page.getByRole('group', { name: /Is this back pain new/ }).getByLabel('No', { exact: true }).check();
  const selects = page.locator('form:not([hidden]) select');
  for (let i = 0; i < (await selects.count()); i++) await selects.nth(i).selectOption('0');
  for (const [label, value] of opts.set ?? []) await page.getByLabel(label).selectOption(value);
  await page.getByRole('group', { name: /Back pain right now/ }).getByLabel(opts.pain ?? '2', { exact: true }).check();
}
