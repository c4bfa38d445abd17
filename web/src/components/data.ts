// Typed calls of the API endpoints the flows use (intake, plans, sessions,
// check-ins, links, patients), on top of the app's one client. Only form
// answers, landmarks and numbers go through here.
import { api, ApiError, type Report, type StoredRecording, type User } from '../api';
import { t } from '../i18n';
import type { SchemaAuditEntry, SchemaCheckIn, SchemaClearance, SchemaDocument, SchemaDose, SchemaGuardOutcome, SchemaIntake, SchemaIntakeRedFlagAnswer, SchemaInvite, SchemaLink, SchemaPatientPage, SchemaPatientSummary, SchemaPlan, SchemaPlanDocument, SchemaPlanDose, SchemaPlanItem, SchemaReason, SchemaRedFlag, SchemaRedFlagAnswer, SchemaSafety, SchemaSession, SchemaSet } from '../openapi.gen';

// The wire types, generated from the server's OpenAPI document (see api.ts).

/** A stored JSON document of the patient (intake, plan, session, check-in). */
export type Doc<T> = Omit<SchemaDocument, 'body'> & { body: T };
/** One red-flag question with the words a person sees (GET /red-flags, from the server's one catalogue). */
export type RedFlag = SchemaRedFlag;
/** One answer of an intake as posted and stored. */
export type IntakeAnswer = SchemaRedFlagAnswer;
/** The intake: a yes or no to every red-flag question; the rest may be left out only when an emergency sign is yes. */
export type IntakeBody = SchemaIntake;
export type Clearance = SchemaClearance;
/** The patient's safety state (GET /safety): while emergency or refer stands the server refuses camera tests, sessions and plans with exercises. */
export type Safety = SchemaSafety;
export type Dose = SchemaPlanDose;
export type Why = SchemaReason;
export type PlanItem = SchemaPlanItem;
export type Plan = SchemaPlan;
export type PlanBody = SchemaPlanDocument;
/** One set. A completed set has the intensity and pain the person chose; an aborted one (stopped during the hold) has none: never a 0 nobody entered. */
export type SetBody = SchemaSet;
/** The guard's outcome of a stored session: the server's replay of its events (never sent by the page). */
export type GuardOutcome = SchemaGuardOutcome;
export type SessionBody = SchemaSession;
export type CheckInBody = SchemaCheckIn;
/** Today's dose of one exercise of the plan, worked out by the server. */
export type ExerciseDose = SchemaDose;
export type PatientSummary = SchemaPatientSummary;
/** One red-flag question of an intake with the person's answer. */
export type RedFlagAnswer = SchemaIntakeRedFlagAnswer;
/** The clinician's patient page (GET /patients/{id}). */
export type PatientPage = SchemaPatientPage;
/** One access to the patient's data by someone else (GET /audit-log). */
export type AuditEntry = SchemaAuditEntry;
export type Link = SchemaLink;

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
  createInvite: () => api.request<SchemaInvite>('POST', '/invites', {}),
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
