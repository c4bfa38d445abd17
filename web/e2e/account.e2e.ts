// The account lifecycle in a real browser (docs/security-account.md): the
// recovery code at sign-up, changing the password, a reset with the
// recovery code from the sign-in page, unlinking (by the patient and by the
// clinician), downloading all my data, signing out everywhere and deleting
// the account. Other devices and the clinician are driven through the API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, launch, overflowsX, shot, startServer, stopAll, unlabelled, type Server, type Session } from './harness';

/** api calls the server as a script would, with an optional bearer token. */
async function api(base: string, method: string, path: string, body?: unknown, token = ''): Promise<{ status: number; json: any }> {
  const res = await fetch(base + '/api/v1' + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function loginToken(base: string, email: string, password: string): Promise<string> {
  const r = await api(base, 'POST', '/login', { email, password });
  expect(r.status).toBe(200);
  return r.json.token as string;
}

/** zipNames lists the file names of a ZIP from its central directory. */
function zipNames(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const n = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + n));
    at += 46 + n + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

describe('the account page', () => {
  let server: Server;
  let s: Session;
  const stamp = Date.now();
  const email = `acct-${stamp}@example.org`;
  let password = 'my first passphrase';
  let recoveryCode = '';
  let patientID = 0;

  beforeAll(async () => {
    server = await startServer();
    s = await launch();
  });

  afterAll(() => stopAll(s, server));

  const h1 = () => s.page.getByRole('heading', { level: 1 }).first().textContent();
  const status = (name: string) => s.page.getByRole('form', { name }).getByRole('status');

  /** asPage calls the API from the page, with its session cookie (no new login: logins are rate limited per email). */
  async function asPage(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    return s.page.evaluate(
      async ([m, p, b]) => {
        const res = await fetch('/api/v1' + p, { method: m as string, headers: b === undefined ? {} : { 'Content-Type': 'application/json' }, ...(b === undefined ? {} : { body: JSON.stringify(b) }) });
        const text = await res.text();
        return { status: res.status, json: text ? JSON.parse(text) : undefined };
      },
      [method, path, body] as const,
    );
  }

  /** linkedClinician signs up a clinician with email dr, links the signed-in patient to them with their invite code, and returns the clinician's token. */
  async function linkedClinician(dr: string): Promise<string> {
    expect((await api(server.url, 'POST', '/accounts', { email: dr, password: 'a clinician passphrase', role: 'clinician' })).status).toBe(201);
    const drToken = await loginToken(server.url, dr, 'a clinician passphrase');
    const invite = await api(server.url, 'POST', '/invites', {}, drToken);
    expect((await asPage('POST', '/links', { code: invite.json.code })).status).toBe(201);
    return drToken;
  }

  async function signIn(who: string, pw: string): Promise<void> {
    const { page } = s;
    await page.goto(server.url + '/login');
    await page.getByLabel('Email').fill(who);
    await page.getByLabel('Password').fill(pw);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname !== '/login');
  }

  it('shows a one-time recovery code at sign-up, then goes on to the intake', async () => {
    const { page } = s;
    await page.goto(server.url + '/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(h1, { timeout: 20_000 }).toBe('Your recovery code');
    recoveryCode = (await page.getByTestId('recovery-code').textContent()) ?? '';
    expect(recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await shot(page, 'account-01-recovery-code');
    await page.getByRole('button', { name: 'I have written it down, continue' }).click();
    await expect.poll(h1).toBe('Before we start');
    // Today's page shows a patient's navigation whatever this device last saw (it showed a
    // visitor's, or another account's, until a page that asks for an account was opened).
    await page.evaluate(() => localStorage.removeItem('stretchwise.role'));
    await page.goto(server.url + '/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Plan', exact: true }).waitFor({ timeout: 20_000 });
    expect(await nav.getByRole('link', { name: 'Clinician' }).isVisible()).toBe(false);
    patientID = (await asPage('GET', '/me')).json.id;
    expect(patientID).toBeGreaterThan(0);
  });

  it('changes the password: a wrong current one is refused, the right one signs out the other devices', async () => {
    const { page } = s;
    const phone = await loginToken(server.url, email, password);
    await page.goto(server.url + '/account');
    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password').fill('my second passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => status('Change password').textContent()).toBe('Your current password is not right.');
    expect((await api(server.url, 'GET', '/me', undefined, phone)).status).toBe(200);

    await form.getByLabel('Current password').fill(password);
    await form.getByLabel('New password').fill('my second passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => status('Change password').textContent()).toContain('Your password is changed.');
    password = 'my second passphrase';
    expect((await api(server.url, 'GET', '/me', undefined, phone)).status).toBe(401);
    await page.reload();
    await expect.poll(h1).toBe('Your account');
    expect((await api(server.url, 'POST', '/login', { email, password: 'my first passphrase' })).status).toBe(401);
  });

  it('resets a forgotten password with the recovery code from the sign-in page', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect.poll(h1).toBe('Forgot your password?');
    expect(await unlabelled(page)).toEqual([]);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Recovery code').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByLabel('New password').fill('my third passphrase');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('do not match');
    await shot(page, 'account-02-reset');
    // Typed the way people type codes: lower case, spaces for dashes.
    await page.getByLabel('Recovery code').fill(recoveryCode.toLowerCase().replaceAll('-', ' '));
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(h1).toBe('Your new password is set');
    const next = (await page.getByTestId('recovery-code').textContent()) ?? '';
    expect(next).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(next).not.toBe(recoveryCode);
    password = 'my third passphrase';
    expect((await api(server.url, 'POST', '/password-reset', { email, recovery_code: recoveryCode, new_password: 'a fourth passphrase' })).status).toBe(401);
    recoveryCode = next;
    await page.getByRole('button', { name: 'I have written it down, continue' }).click();
    await page.goto(server.url + '/account');
    await expect.poll(h1).toBe('Your account');
  });

  it('unlinks a clinician with the Unlink button; the clinician then gets 404', async () => {
    const { page } = s;
    const dr = `dr-${stamp}@example.org`;
    const drToken = await linkedClinician(dr);
    expect((await api(server.url, 'GET', `/patients/${patientID}`, undefined, drToken)).status).toBe(200);
    await page.goto(server.url + '/account');
    const list = page.getByRole('list', { name: 'Your clinicians' });
    await expect.poll(() => list.textContent()).toContain(dr);
    await shot(page, 'account-03-page-1280');
    expect(await overflowsX(page)).toBe(false);
    expect(await unlabelled(page)).toEqual([]);
    await page.getByRole('button', { name: `Unlink ${dr}` }).click();
    await expect.poll(() => list.textContent()).toBe('No clinician linked yet.');
    expect(await page.getByText(`Unlinked ${dr}. They no longer see your data.`).isVisible()).toBe(true);
    expect((await api(server.url, 'GET', `/patients/${patientID}`, undefined, drToken)).status).toBe(404);
    expect((await api(server.url, 'GET', `/recordings?patient=${patientID}`, undefined, drToken)).status).toBe(404);
  });

  it('lets a clinician unlink a patient from their account page; they then get 404', async () => {
    const { page } = s;
    const dr = `dr2-${stamp}@example.org`;
    const drToken = await linkedClinician(dr);
    await page.goto(server.url + '/account');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await signIn(dr, 'a clinician passphrase');
    await page.goto(server.url + '/account');
    const list = page.getByRole('list', { name: 'Your patients' });
    await expect.poll(() => list.textContent()).toContain(email);
    await page.getByRole('button', { name: `Unlink ${email}` }).click();
    await expect.poll(() => list.textContent()).toBe('No patients linked yet.');
    expect((await api(server.url, 'GET', `/patients/${patientID}`, undefined, drToken)).status).toBe(404);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await signIn(email, password);
  });

  it('downloads all my data as one ZIP', async () => {
    const { page } = s;
    await page.goto(server.url + '/account');
    expect((await asPage('POST', '/checkins', { date: '2026-01-02', pain: 2 })).status).toBe(201);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download all my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^stretchwise-\d{4}-\d{2}-\d{2}\.zip$/);
    const path = join(artifactsDir, 'account-export.zip');
    await download.saveAs(path);
    const zip = readFileSync(path);
    const names = zipNames(zip);
    for (const want of ['README.txt', 'account.json', 'intakes.json', 'plans.json', 'sessions.json', 'checkins.json', 'recordings.json', 'issue-reports.json', 'access-log.json']) {
      expect(names).toContain(want);
    }
  });

  it('fits a phone screen', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(server.url + '/account');
    await expect.poll(h1).toBe('Your account');
    await shot(page, 'account-04-page-390');
    expect(await overflowsX(page)).toBe(false);
    // A patient's navigation: one line with a Menu button; opened, their pages, all in sight (no sideways scroll), and not the clinician's page.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = nav.getByRole('button', { name: 'Menu' });
    const header = await page.locator('header.top').boundingBox();
    expect(header!.height).toBeLessThan(80);
    expect(await nav.getByRole('link', { name: 'Home', exact: true }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    for (const name of ['Home', 'Account', 'Plan', 'Session', 'Check-in', 'History']) expect(await nav.getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
    expect(await nav.getByRole('link', { name: 'Clinician' }).isVisible()).toBe(false);
    expect(await nav.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'account-05-menu-390');
    // A link followed closes the menu.
    await nav.getByRole('link', { name: 'Account', exact: true }).click();
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('signs out everywhere', async () => {
    const { page } = s;
    const phone = await loginToken(server.url, email, password);
    await page.goto(server.url + '/account');
    await page.waitForLoadState('networkidle'); // the signed-in page's own safety request is done
    const before = s.requests.length;
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await page.getByText('You are signed out on every device.').isVisible()).toBe(true);
    // Signed out: no page asks for the safety state (a request bound to fail with 401).
    await page.goto(server.url + '/no-such-page');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(s.requests.slice(before).filter((r) => r.url.includes('/api/v1/safety')).map((r) => r.url)).toEqual([]);
    expect((await api(server.url, 'GET', '/me', undefined, phone)).status).toBe(401);
    await page.goto(server.url + '/account');
    await page.getByText('Please sign in first.').waitFor();
  });

  it('deletes the account after the password and the typed email address', async () => {
    const { page } = s;
    await signIn(email, password);
    await page.goto(server.url + '/account');
    const form = page.getByRole('form', { name: 'Delete my account' });
    await form.getByLabel('Your password').fill(password);
    await form.getByLabel('Type your email address to confirm').fill('someone-else@example.org');
    await form.getByRole('button', { name: 'Delete my account' }).click();
    await expect.poll(() => status('Delete my account').textContent()).toBe('Type your email address exactly as shown to confirm.');
    await form.getByLabel('Type your email address to confirm').fill(email);
    await form.getByLabel('Your password').fill('not my password');
    await form.getByRole('button', { name: 'Delete my account' }).click();
    await expect.poll(() => status('Delete my account').textContent()).toBe('That password is not right.');
    expect((await api(server.url, 'POST', '/login', { email, password })).status).toBe(200);
    await form.getByLabel('Your password').fill(password);
    await form.getByRole('button', { name: 'Delete my account' }).click();
    await expect.poll(h1).toBe('Your account is deleted');
    await shot(page, 'account-05-deleted');
    expect((await api(server.url, 'POST', '/login', { email, password })).status).toBe(401);
    expect(s.consoleErrors.filter((e) => !/401|404|400/.test(e))).toEqual([]);
  });
});
