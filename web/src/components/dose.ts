// Today's dose of an exercise: the plan's level, moved one level up or
// down by the guard's next-morning rule when a check-in came after the last
// session. The rule is guard.NextMorning in the engine; this only gathers
// its inputs from the stored session and check-ins.
import { nextMorning, type CheckInResult, type GuardEvent } from './core';
import { data, latest, type PlanItem } from './data';

/**
 * morningDecision runs the next-morning rule for item on the latest session
 * and the check-ins after it; undefined when there is no session yet or no
 * check-in since.
 */
export async function morningDecision(item: PlanItem, morningPain?: number): Promise<CheckInResult | undefined> {
  const [sessions, checkins] = await Promise.all([data.sessions(), data.checkins()]);
  const session = latest(sessions);
  if (!session) return undefined;
  const after = checkins.filter((c) => c.created_at >= session.created_at);
  const before = checkins.filter((c) => c.created_at < session.created_at);
  const morning = morningPain ?? latest(after)?.body.pain;
  if (morning === undefined) return undefined;
  const baseline = session.body.pain_before ?? 0;
  // Settled mornings in a row before this one: the earlier check-ins, newest first, at or below the baseline.
  let settled = 0;
  for (const c of [...before].reverse()) {
    if (c.body.pain > baseline) break;
    settled++;
  }
  const level = (session.body.guard as { level?: number } | undefined)?.level ?? item.dose.level;
  return nextMorning({
    exercise: item.exercise,
    level,
    baseline_pain: baseline,
    morning_pain: morning,
    session_max_pain: Math.max(0, ...session.body.sets.map((s) => s.pain)),
    stopped: !!session.body.stopped_reason,
    settled,
  });
}

/**
 * holdHistory is the mean held angle of each past session of an exercise,
 * from the hold-angle events stored with it: what guard.ProgressionLimit
 * caps today's range against.
 */
export async function holdHistory(exercise: string): Promise<{ date: string; angle_deg: number }[]> {
  const out: { date: string; angle_deg: number }[] = [];
  for (const s of await data.sessions()) {
    const events = ((s.body.guard as { events?: GuardEvent[] } | undefined)?.events ?? []).filter((e) => e.kind === 'hold_angle' && e.exercise === exercise && typeof e.value === 'number');
    if (events.length === 0) continue;
    const mean = events.reduce((a, e) => a + (e.value ?? 0), 0) / events.length;
    out.push({ date: s.body.ended_at ?? s.created_at, angle_deg: mean });
  }
  return out;
}
