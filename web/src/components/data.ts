// Typed calls of the API endpoints the flows use (intake, plans, sessions,
// check-ins, links, patients), on top of the app's one client. Only form
// answers, landmarks and numbers go through here.
import { api, ApiError, type Report, type Schemas, type StoredRecording, type User } from '../api';
import { t } from '../i18n';

// The wire types, generated from the server's OpenAPI document (see api.ts).

/** A stored JSON document of the patient (intake, plan, session, check-in). */
export type Doc<T> = Omit<Schemas['Document'], 'body'> & { body: T };
/** One red-flag question with the words a person sees (GET /red-flags, from the server's one catalogue). */
export type RedFlag = Schemas['RedFlag'];
/** One answer of an intake as posted and stored. */
export type IntakeAnswer = Schemas['RedFlagAnswer'];
/** The intake: a yes or no to every red-flag question; the rest may be left out only when an emergency sign is yes. */
export type IntakeBody = Schemas['Intake'];
export type Clearance = Schemas['Clearance'];
/** The patient's safety state (GET /safety): while emergency or refer stands the server refuses camera tests, sessions and plans with exercises. */
export type Safety = Schemas['Safety'];
export type Dose = Schemas['PlanDose'];
export type Why = Schemas['Reason'];
export type PlanItem = Schemas['PlanItem'];
export type Plan = Schemas['Plan'];
export type PlanBody = Schemas['PlanDocument'];
/** One set. A completed set has the intensity and pain the person chose; an aborted one (stopped during the hold) has none: never a 0 nobody entered. */
export type SetBody = Schemas['Set'];
/** The guard's outcome of a stored session: the server's replay of its events (never sent by the page). */
export type GuardOutcome = Schemas['GuardOutcome'];
export type SessionBody = Schemas['Session'];
export type CheckInBody = Schemas['CheckIn'];
/** Today's dose of one exercise of the plan, worked out by the server. */
export type ExerciseDose = Schemas['Dose'];
export type PatientSummary = Schemas['PatientSummary'];
/** One red-flag question of an intake with the person's answer. */
export type RedFlagAnswer = Schemas['IntakeRedFlagAnswer'];
/** The clinician's patient page (GET /patients/{id}). */
export type PatientPage = Schemas['PatientPage'];
/** One access to the patient's data by someone else (GET /audit-log). */
export type AuditEntry = Schemas['AuditEntry'];
export type Link = Schemas['Link'];

const q = (patient?: number) => (patient ? `?patient=${patient}` : '');

export const data = {
  me: (): Promise<User | null> =>
    api.me().catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }),
  postIntake: (b: IntakeBody) => api.request<Doc<IntakeBody>>('POST', '/intakes', b),
  intakes: (patient?: number) => api.request<Doc<IntakeBody>[]>('GET', `/intakes${q(patient)}`),
  redFlags: () => api.request<RedFlag[]>('GET', '/red-flags'),
  safety: (patient?: number) => api.request<Safety>('GET', `/safety${q(patient)}`),
  clear: (statement: string, clinician: string) => api.request<Doc<Clearance>>('POST', '/safety/clearance', { statement, ...(clinician ? { clinician } : {}) }),
  makePlan: () => api.request<Doc<PlanBody>>('POST', '/plans', {}),
  plans: (patient?: number) => api.request<Doc<PlanBody>[]>('GET', `/plans${q(patient)}`),
  postSession: (b: SessionBody) => api.request<Doc<SessionBody>>('POST', '/sessions', b),
  sessions: (patient?: number) => api.request<Doc<SessionBody>[]>('GET', `/sessions${q(patient)}`),
  postCheckIn: (b: CheckInBody) => api.request<Doc<CheckInBody>>('POST', '/checkins', b),
  checkins: (patient?: number) => api.request<Doc<CheckInBody>[]>('GET', `/checkins${q(patient)}`),
  doses: (patient?: number) => api.request<ExerciseDose[]>('GET', `/doses${q(patient)}`),
  recordings: (patient?: number, kind?: string) =>
    api.request<(StoredRecording & { report?: Report })[]>(
      'GET',
      `/recordings${patient ? `?patient=${patient}${kind ? `&kind=${kind}` : ''}` : kind ? `?kind=${kind}` : ''}`,
    ),
  /** recordingText fetches the stored landmark recording (JSON Lines). */
  recordingText: async (id: number): Promise<string> => {
    const res = await fetch(`/api/v1/recordings/${id}`, { credentials: 'same-origin' });
    if (!res.ok) throw new ApiError(res.status, 'not_found', t('error.recordingNotLoaded'));
    return res.text();
  },
  createInvite: () => api.request<Schemas['Invite']>('POST', '/invites', {}),
  links: () => api.request<Link[]>('GET', '/links'),
  link: (code: string) => api.request<Link>('POST', '/links', { code }),
  patients: () => api.request<PatientSummary[]>('GET', '/patients'),
  patient: (id: number) => api.request<PatientPage>('GET', `/patients/${id}`),
  auditLog: () => api.request<AuditEntry[]>('GET', '/audit-log'),
};

/** latest is the newest document of a list ordered oldest first. */
export function latest<T>(list: readonly T[]): T | undefined {
  return list[list.length - 1];
}
