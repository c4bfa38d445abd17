// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { PatientPage } from '../components/data';
import { sessionSummary } from './clinician-patient';
import { t } from '../i18n';

type Session = PatientPage['sessions'][number];

const session = (o: Partial<Session>): Session =>
  ({ started_at: '2026-12-07T08:00:00Z', sets: [{ exercise: 'bird-dog', hold_s: 10, pain: 1 }], guard: { level: 1, max_level: 3, state: 'running', decisions: [] }, ...o }) as unknown as Session;

describe('a session in the clinician’s list', () => {
  it('says a session that ran to the end ran to the end', () => {
    expect(sessionSummary(session({}))).toEqual({ facts: '1 hold · pain after holds 1 · exercise level 1 · ran to the end', stopped: '' });
  });

  it('never says a session the patient left or stopped ran to the end, and speaks of the patient, not “you”', () => {
    const left = sessionSummary(session({ stopped_reason: t('session.leftPage') }));
    expect(left.facts).toBe('1 hold · pain after holds 1 · exercise level 1 · stopped before the end');
    expect(left.stopped).toBe('The patient left the page before the session ended; what they did until then is saved.');
    const stopped = sessionSummary(session({ stopped_reason: t('session.youStopped') }));
    expect(stopped.facts).not.toContain('ran to the end');
    expect(stopped.stopped).toBe('The patient stopped the session.');
  });

  it('gives the guard’s own reason for a session the guard stopped', () => {
    const s = sessionSummary(session({ stopped_reason: 'Your pain went up: stopped for today.', guard: { level: 1, max_level: 3, state: 'stopped', decisions: [] } as unknown as Session['guard'] }));
    expect(s.facts).toBe('1 hold · pain after holds 1 · exercise level 1 · stopped by the guard');
    expect(s.stopped).toBe('Stopped: Your pain went up: stopped for today.');
  });
});
