// The clinician dashboard in a real browser: a clinician signs up, makes an
// invite code, one patient links with it and another does not; the
// clinician sees the linked patient's charts, replays and exports, and
// neither the unlinked patient in the list nor their page by its number.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, buildBinary, launch, overflowsX, shot, startServer, unlabelled, type Server, type Session } from './harness';
import { Patient } from './flow-api';

describe('the clinician dashboard', () => {
  let server: Server;
  let s: Session;
  let linked: Patient;
  let other: Patient;
  const stamp = Date.now();

  beforeAll(async () => {
    server = await startServer();
    s = await launch();
    linked = await new Patient(server.url, `linked-${stamp}@example.org`).signUp();
    other = await new Patient(server.url, `unlinked-${stamp}@example.org`).signUp();
    // Both have an intake, a Thomas-test screening (synthetic, from the
    // project's own synthetic body) and a morning check-in.
    const rec = join(artifactsDir, 'media', 'thomas-left.jsonl');
    execFileSync(buildBinary(), ['synth', '--exercise', 'thomas-test', '--view', 'left', '--duration', '6', '--fps', '15', '--seed', '3', '-o', rec]);
    const text = readFileSync(rec, 'utf8');
    for (const p of [linked, other]) {
      await p.call('POST', '/intakes', { age: 40, red_flags: [], start_back: [0, 0, 1, 0, 0, 0, 0, 0, 0], odi: [1, 0, 1, 1, 1, 0, 1, null, 0, 1], nprs: 3 });
      await p.call('POST', '/recordings?kind=screening', text, 'application/x-ndjson');
      await p.call('POST', '/checkins', { date: '2026-01-02', pain: 2 });
    }
  });

  afterAll(async () => {
    await s?.close();
    await server?.stop();
  });

  it('signs up a clinician and makes an invite code that links one patient', async () => {
    const { page } = s;
    await page.goto(server.url + '/signup');
    await page.getByLabel('Email').fill(`dr-${stamp}@example.org`);
    await page.getByLabel('Password').fill('a clinician passphrase');
    await page.getByLabel('a clinician').check();
    await page.getByRole('button', { name: 'Create account' }).click();
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
    expect(await pain.locator('circle').count()).toBe(2); // intake and check-in
    const measures = page.getByRole('img', { name: /Thomas test: measured angles over time/ });
    expect(await measures.locator('circle').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /Show skeleton replay of recording/ }).first().click();
    await page.getByTestId('replay').waitFor();
    const drawn = await page.getByTestId('replay').evaluate((c) => {
      const cv = c as HTMLCanvasElement;
      const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
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
