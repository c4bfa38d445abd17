// The clinician dashboard in a real browser: a clinician signs up, makes an
// invite code, one patient links with it and another does not; the
// clinician sees the linked patient's charts, replays and exports, and
// neither the unlinked patient in the list nor their page by its number.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, buildBinary, drawnPixels, launch, overflowsX, shot, startServer, stopAll, unlabelled, type Server, type Session } from './harness';
import { Patient, signIn } from './flow-api';
import type { SchemaAuditEntry } from '../src/openapi.gen';

describe('the clinician dashboard', () => {
  let server: Server;
  let s: Session;
  let linked: Patient;
  let other: Patient;
  const stamp = Date.now();
  const clinicianEmail = `dr-${stamp}@example.org`;

  beforeAll(async () => {
    server = await startServer();
    s = await launch();
    linked = await new Patient(server.url, `linked-${stamp}@example.org`).signUp();
    other = await new Patient(server.url, `unlinked-${stamp}@example.org`).signUp();
    // Both have an intake, a Thomas-test screening (synthetic, from the
    // project's own synthetic body) and a morning check-in.
    mkdirSync(join(artifactsDir, 'media'), { recursive: true });
    const rec = join(artifactsDir, 'media', 'thomas-left.jsonl');
    execFileSync(buildBinary(), ['synth', '--exercise', 'thomas-test', '--view', 'left', '--duration', '6', '--fps', '15', '--seed', '3', '-o', rec]);
    const text = readFileSync(rec, 'utf8');
    // The linked patient first answered yes to a red flag (night pain),
    // then, in a newer intake, no to all, taking the sign back in the second step the app asks for.
    await linked.postIntake({ age: 40, start_back: [1, 1, 1, 0, 1, 1, 0, 1, 1], odi: [2, 2, 1, 1, 2, 1, 1, null, 1, 2], nprs: 6 }, ['night_pain']);
    for (const p of [linked, other]) {
      await p.postIntake({ age: 40, start_back: [0, 0, 1, 0, 0, 0, 0, 0, 0], odi: [1, 0, 1, 1, 1, 0, 1, null, 0, 1], nprs: 3, ...(p === linked ? { withdrawn_flags: ['night_pain'] } : {}) });
      await p.call('POST', '/recordings?kind=screening', text, 'application/x-ndjson');
      await p.call('POST', '/checkins', { date: '2026-01-02', pain: 2 });
    }
    // A plan, a session the guard stopped and a check-in with notes.
    await linked.call('POST', '/plans', {});
    await linked.call('POST', '/sessions', {
      started_at: '2026-01-03T08:00:00Z',
      pain_before: 2,
      leg_pain_before: 0,
      sets: [{ exercise: 'half-kneeling-hip-flexor', side: 'left', hold_s: 20, intensity: 4, pain: 5 }],
      stopped_reason: 'Your pain went up: stopped for today.',
    });
    await linked.call('POST', '/checkins', { date: '2026-01-04', pain: 4, stiffness: 5, notes: 'Stiff after a long drive' });
  });

  afterAll(() => stopAll(s, server));

  it('signs up a clinician and makes an invite code that links one patient', async () => {
    const { page } = s;
    await page.goto(server.url + '/signup');
    await page.getByLabel('Email').fill(clinicianEmail);
    await page.getByLabel('Password').fill('a clinician passphrase');
    await page.getByLabel('a clinician').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'I have written it down, continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clinician dashboard' }).waitFor();
    expect(await page.getByText('No patients linked yet.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Create an invite code' }).click();
    const code = page.getByTestId('invite-code');
    await expect.poll(() => code.textContent()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await shot(page, 'flow-c1-invite');
    await linked.call('POST', '/links', { code: await code.textContent() });
  });

  it('lists the linked patient and not the unlinked one', async () => {
    const { page } = s;
    await page.reload();
    const table = page.getByRole('table', { name: 'Your patients' });
    await table.waitFor();
    expect(await table.getByRole('link', { name: linked.email }).count()).toBe(1);
    expect(await page.getByText(other.email).count()).toBe(0);
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'flow-c2-patients');
  });

  it('shows the linked patient’s charts, a skeleton replay and the exports', async () => {
    const { page } = s;
    await page.getByRole('link', { name: linked.email }).click();
    await page.getByRole('heading', { level: 1, name: linked.email }).waitFor();
    const pain = page.getByRole('img', { name: 'Pain over time (0 to 10)' });
    await pain.waitFor();
    expect(await pain.locator('circle').count()).toBe(5); // two intakes, one hold, two check-ins
    const measures = page.getByRole('img', { name: /Hip test: measured angles over time/ });
    expect(await measures.locator('circle').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /Show skeleton replay of recording/ }).first().click();
    await page.getByTestId('replay').waitFor();
    const drawn = await drawnPixels(page.getByTestId('replay'));
    expect(drawn).toBeGreaterThan(200);
    const csv = page.getByRole('link', { name: 'Export CSV' });
    const fhir = page.getByRole('link', { name: 'Export FHIR (JSON)' });
    const csvRes = await page.request.get(new URL((await csv.getAttribute('href'))!, server.url).href);
    expect(csvRes.status()).toBe(200);
    expect(await csvRes.text()).toMatch(/^time,source,source_id,exercise,measure,side,value,unit,uncertainty/);
    const fhirRes = await page.request.get(new URL((await fhir.getAttribute('href'))!, server.url).href);
    expect(fhirRes.status()).toBe(200);
    expect(((await fhirRes.json()) as { resourceType: string }).resourceType).toBe('Bundle');
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'flow-c3-patient');
    await page.setViewportSize({ width: 390, height: 844 });
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('main *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('details:not([open])'))
        .map((e) => e.tagName + '.' + e.className),
    );
    expect(wide).toEqual([]);
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'flow-c3-patient-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the linked patient’s red flags, scores, plan, check-ins and guard decisions', async () => {
    const { page } = s;
    await page.goto(`${server.url}/clinician?patient=${linked.id}`);
    await page.getByRole('heading', { level: 2, name: 'Red flags' }).waitFor();
    // Nothing stands now: the newest intake has no red flag.
    expect(await page.getByTestId('safety-now').getAttribute('data-state')).toBe('clear');
    // Red flags: none in the newest intake, night pain in the earlier one, each with its date.
    const none = page.getByTestId('red-flags-none');
    expect(await none.textContent()).toMatch(/^No red flag answered yes on .*\d{4}/);
    // ... and the night pain taken back by the patient themselves, not cleared by a clinician.
    const withdrawn = page.getByTestId('red-flags-withdrawn');
    expect(await withdrawn.textContent()).toMatch(/^1 red flag taken back by the patient on .*\d{4} \(answered yes before; the patient confirmed the change themselves, no clinician has cleared it\):Is the pain constant at night/);
    const earlier = page.getByTestId('red-flags-earlier');
    expect(await earlier.locator('summary').textContent()).toMatch(/^Earlier answers of .*\d{4}: yes to “Is the pain constant at night/);
    await earlier.locator('summary').click();
    expect(await earlier.getByRole('row', { name: /Is the pain constant at night/ }).getByRole('cell').textContent()).toBe('Yes');
    // Scores over time, oldest first: STarT Back 7 (distress 4) high risk, then 1 low risk.
    const scores = page.getByTestId('scores');
    const rows = scores.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/7 \(distress 4\), high risk.*28\.9 %.*6 of 10/);
    expect(await rows.nth(1).textContent()).toMatch(/1 \(distress 0\), low risk.*13\.3 %.*3 of 10/);
    // The current plan with its reasons.
    expect(await page.getByTestId('clinician-plan-action').textContent()).toBe('Exercise');
    expect(await page.locator('section[aria-labelledby="plan-title"] .reasons li').count()).toBeGreaterThan(0);
    // Check-ins with their notes, newest first.
    const checkins = page.getByTestId('checkins');
    expect(await checkins.locator('tbody tr').count()).toBe(2);
    expect(await checkins.locator('tbody tr').first().textContent()).toContain('Stiff after a long drive');
    // The session the guard stopped, with its decision.
    const guard = page.getByTestId('guard-sessions');
    expect(await guard.textContent()).toContain('Stopped: Your pain went up: stopped for today.');
    // The guard's decisions are the server's, replayed from the session's
    // reports: back pain from 2 to 5 stops the session.
    expect((await guard.locator('.guard-log li').allTextContents()).at(-1)).toBe('Stop: Your back pain went from 2 to 5 out of 10, up 2 points or more. Stop for today.');
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'flow-c5-safety');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsX(page)).toBe(false);
    await shot(page, 'flow-c5-safety-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the patient every view and export of their data by the clinician, and nobody else’s', async () => {
    const p = await launch();
    try {
      const { page } = p;
      await signIn(page, server.url, linked, '/account');
      await page.getByRole('heading', { level: 2, name: 'Who has looked at your data' }).waitFor();
      // One entry per access (the API), shown grouped by visit in plain words.
      const entries = (await (await page.request.get(server.url + '/api/v1/audit-log')).json()) as SchemaAuditEntry[];
      const count = (action: string) => entries.filter((e) => e.action === action && e.actor_email === clinicianEmail).length;
      // The clinician opened the patient page twice, replayed a recording and downloaded both exports.
      expect([count('view_patient'), count('view_recording'), count('export_csv'), count('export_fhir')]).toEqual([2, 1, 1, 1]);
      expect(entries.every((e) => e.actor_email === clinicianEmail)).toBe(true);
      const log = page.getByTestId('access-log');
      const text = await log.textContent();
      expect(text).toContain(`${clinicianEmail} (your clinician)`);
      for (const what of [
        'looked at your summary: safety answers, questionnaire scores, plan, check-ins and safety checks (2 times)',
        'replayed one of your recordings (the stick figure; no video is ever stored)',
        'downloaded your measurements and pain ratings as a spreadsheet file',
        'downloaded your health record in the standard format used by clinics (FHIR)',
      ]) {
        expect(text).toContain(what);
      }
      expect(await page.getByText(/view_patient|export_csv|\/api\//).count()).toBe(0);
      const csv = await page.request.get(server.url + '/api/v1/audit-log.csv');
      expect((await csv.text()).split('\n')[0]).toBe('time,who,role,action,what,path');
      expect(await unlabelled(page)).toEqual([]);
      await shot(page, 'flow-c6-access-log');
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await overflowsX(page)).toBe(false);
      await shot(page, 'flow-c6-access-log-phone');
      // The unlinked patient's log is empty.
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await signIn(page, server.url, other, '/account');
      await page.getByTestId('access-log-empty').waitFor();
      // The clinician cannot read the patient's log.
      expect((await s.page.request.get(server.url + '/api/v1/audit-log')).status()).toBe(403);
    } finally {
      await p.close();
    }
  });

  it('does not show the unlinked patient by number, nor their exports', async () => {
    const { page } = s;
    await page.goto(`${server.url}/clinician?patient=${other.id}`);
    await page.getByRole('heading', { level: 1, name: 'Patient not found' }).waitFor();
    expect(await page.getByText(other.email).count()).toBe(0);
    await shot(page, 'flow-c4-unlinked');
    for (const path of [`/api/v1/patients/${other.id}`, `/api/v1/patients/${other.id}/export.csv`, `/api/v1/patients/${other.id}/fhir`, `/api/v1/checkins?patient=${other.id}`]) {
      expect((await page.request.get(server.url + path)).status(), path).toBe(404);
    }
    // The only console errors are the browser's notes of the 404s above.
    expect(s.consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});
