// Visiting the plan page never makes a plan: only the button does, and
// going Back to an address the plan page was opened with makes none.
import { describe, expect, it } from 'vitest';
import { patientWithIntake, type Patient } from './flow-api';
import { browserSuite } from './harness';

describe('the plan page', () => {
  const email = `plan-visit-${Date.now()}@example.org`;
  const suite = browserSuite<Patient>({ prepare: (base) => patientWithIntake(base, email) });
  const count = async () => ((await suite.patient.call('GET', '/plans')) as unknown[]).length;

  it('makes a plan only when asked, never on a visit or on Back', async () => {
    const { page } = suite.s;
    const r = await page.request.post(suite.server.url + '/api/v1/login', { data: { email, password: 'a patient passphrase' } });
    expect(r.status()).toBe(200);
    // Without a plan yet, the page offers to make one and makes none.
    await page.goto(suite.server.url + '/plan');
    const make = page.getByRole('button', { name: /Make (my|a new) plan/ });
    await make.waitFor();
    expect(await count()).toBe(0);
    await make.click();
    await page.getByTestId('plan-action').waitFor();
    expect(await count()).toBe(1);
    // The address the screening result and the questions used to open the plan with, in the history.
    await page.goto(suite.server.url + '/plan?new=1');
    await page.getByTestId('plan-action').waitFor();
    await page.goto(suite.server.url + '/session');
    await page.locator('main h1').first().waitFor();
    await page.goBack();
    await page.getByTestId('plan-action').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await count()).toBe(1);
  });
});
