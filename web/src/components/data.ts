// Typed calls of the API endpoints the flows use (intake, plans, sessions,
// check-ins, links, patients), on top of the app's one client. Only form
// answers, landmarks and numbers go through here.
import { api, ApiError, type Measure, type Report, type Role, type StoredRecording, type User } from '../api';
import type { CheckInResult, Decision, GuardEvent, GuardLimit } from './core';
import { t } from '../i18n';

/** A stored JSON document of the patient (intake, plan, session, check-in). */
export interface Doc<T> {
  id: number;
  patient_id: number;
  kind: string;
  created_at: string;
  body: T;
}

/** One red-flag question with the words a person sees (GET /red-flags, from the server's one catalogue). */
export interface RedFlag {
  code: string;
  group: 'cauda_equina' | 'refer';
  question: string;
  said: string;
  meaning: string;
}

/** One answer of an intake as posted and stored. */
export interface IntakeAnswer {
  flag: string;
  answer: 'yes' | 'no';
  answered_at?: string;
}

/** The intake: a yes or no to every red-flag question; the rest may be left out only when an emergency sign is yes. */
export interface IntakeBody {
  age?: number;
  red_flag_answers: IntakeAnswer[];
  start_back?: number[];
  odi?: (number | null)[];
  nprs?: number;
  new_pain?: boolean;
}

export interface Clearance {
  intake_id: number;
  statement: string;
  clinician?: string;
  stated_by: number;
  stated_at: string;
}

/** The patient's safety state (GET /safety): while emergency or refer stands the server refuses camera tests, sessions and plans with exercises. */
export interface Safety {
  state: 'clear' | 'emergency' | 'refer';
  intake_id?: number;
  since?: string;
  signs: { flag: string; group: string; said: string; meaning: string; answered_at?: string }[];
  title?: string;
  advice?: string;
  statement?: string;
  clearance?: Clearance;
}

export interface Dose {
  level: number;
  hold_s?: number;
  reps: number;
  sets_per_day: number;
  days_per_week: number;
  per_side: boolean;
  sides?: string[];
  intensity: string;
  max_intensity: number;
  source: string;
}

export interface Why {
  code: string;
  finding: string;
  rule: string;
  source: string;
}

export interface PlanItem {
  exercise: string;
  name: string;
  dose: Dose;
  reasons: string[];
  why?: Why[];
}

export interface Plan {
  action: 'emergency' | 'refer' | 'exercise';
  reasons: string[];
  start_back?: { score: number; distress: number; risk: string };
  odi?: { percent: number; band: string; answered: number };
  nprs?: number | null;
  do: PlanItem[];
  avoid: { exercise: string; name: string; reasons: string[]; why?: Why[] }[];
  why?: Why[];
}

export interface PlanBody {
  intake_id: number;
  screening_ids: number[] | null;
  plan: Plan;
}

/** One set. A completed set has the intensity and pain the person chose; an aborted one (stopped during the hold) has none: never a 0 nobody entered. */
export interface SetBody {
  exercise: string;
  side?: 'left' | 'right';
  hold_s: number;
  aborted?: boolean;
  intensity?: number;
  pain?: number;
  leg_pain?: number;
  measures?: Measure[];
  recording_id?: number;
}

/** The guard's outcome of a stored session: the server's replay of its events (never sent by the page). */
export interface GuardOutcome {
  level: number;
  max_level: number;
  state: 'running' | 'paused' | 'stopped' | 'seek_care';
  max_pain?: number;
  decisions: Decision[];
  limit: GuardLimit;
}

export interface SessionBody {
  plan_id?: number;
  exercise?: string;
  started_at: string;
  ended_at?: string;
  pain_before?: number;
  leg_pain_before?: number;
  pain_after?: number;
  sets: SetBody[];
  stopped_reason?: string;
  events?: GuardEvent[];
  /** Set by the server. */
  guard?: GuardOutcome;
  notes?: string;
}

export interface CheckInBody {
  date?: string;
  pain: number;
  leg_pain?: number;
  stiffness?: number;
  notes?: string;
  /** Set by the server: the exercise of the latest session and the next-morning rule's answer. */
  exercise?: string;
  result?: CheckInResult;
}

/** Today's dose of one exercise of the plan, worked out by the server. */
export interface ExerciseDose {
  exercise: string;
  level: number;
  max_level: number;
  settled: number;
  last?: CheckInResult;
  last_at?: string;
  limit: GuardLimit;
}

export interface PatientSummary {
  id: number;
  email: string;
  linked_at?: string;
  recordings: number;
}

/** One red-flag question of an intake with the person's answer. */
export interface RedFlagAnswer {
  code: string;
  group: 'cauda_equina' | 'refer';
  question: string;
  said: string;
  answer: 'yes' | 'no';
  answered_at?: string;
}

/** The clinician's patient page (GET /patients/{id}). */
export interface PatientPage extends PatientSummary {
  safety: Safety;
  red_flags: { intake_id: number; answered_at: string; yes: number; answers: RedFlagAnswer[] }[];
  scores: {
    intake_id: number;
    answered_at: string;
    start_back: { score: number; distress: number; risk: string } | null;
    odi: { percent: number; band: string; answered: number } | null;
    nprs: number | null;
  }[];
  plan: { id: number; created_at: string; intake_id: number; screening_ids: number[] | null; plan: Plan } | null;
  checkins: (CheckInBody & { id: number; created_at: string })[];
  sessions: {
    id: number;
    started_at: string;
    ended_at?: string;
    pain_before?: number;
    pain_after?: number;
    sets: SetBody[];
    stopped_reason?: string;
    notes?: string;
    guard: { level?: number; state?: string; decisions: { action: string; code?: string; message: string; source?: string }[] } | null;
  }[];
}

/** One access to the patient's data by someone else (GET /audit-log). */
export interface AuditEntry {
  id: number;
  actor_email: string;
  actor_role: Role;
  action: string;
  what: string;
  path: string;
  created_at: string;
}

export interface Link {
  patient_id: number;
  clinician_id: number;
  email: string;
  created_at: string;
}

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
  createInvite: () => api.request<{ code: string; expires_at: string }>('POST', '/invites', {}),
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
