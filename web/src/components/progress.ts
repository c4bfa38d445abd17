// A patient's measures and pain over time: the charts the history page and
// the clinician dashboard share, and the list of recordings with skeleton
// replays.
import { formatDateTime } from '../format';
import type { Report, StoredRecording } from '../api';
import { h } from '../dom';
import { measureLabel, verdictText } from '../pages/report';
import { lineChart, type Series } from './chart';
import { data, type SessionBody } from './data';
import { skeletonReplay } from './replay';
import { t } from '../i18n';

/** The measures each test's verdict rests on (docs/recording-format.md). */
const KEY_MEASURES = ['pelvic_roll_deg', 'shoulder_roll_deg', 'hip_angle_deg', 'knee_angle_deg', 'front_knee_deg', 'back_knee_deg', 'trunk_from_vertical_deg', 'hip_extension_deg'];
const TEST_NAMES: Record<string, string> = { 'bird-dog': t('components.birdDog'), 'thomas-test': t('components.thomasTest'), 'half-kneeling-hip-flexor': t('exercise.halfKneeling') };

/** exerciseName says an exercise's id in words ("glute-bridge": "Glute bridge"). */
function exerciseName(id: string): string {
  return TEST_NAMES[id] ?? (id ? id.charAt(0).toUpperCase() + id.slice(1).replaceAll('-', ' ') : t('components.unknownExercise'));
}

/** progressView loads everything of one patient (undefined: oneself) and draws it. */
export async function progressView(patient?: number): Promise<HTMLElement> {
  const [intakes, sessions, checkins, recs] = await Promise.all([
    data.intakes(patient),
    data.sessions(patient),
    data.checkins(patient),
    data.recordings(patient),
  ]);
  const pain: Series[] = [
    { name: t('components.painAtIntake'), unit: '', points: intakes.flatMap((d) => (d.body.nprs == null ? [] : [{ t: new Date(d.created_at), v: d.body.nprs }])) },
    {
      name: t('components.painAfterAHold'),
      unit: '',
      // Aborted sets have no pain: nothing was entered, so nothing is drawn.
      points: sessions.flatMap((d) => d.body.sets.flatMap((s) => (s.pain === undefined ? [] : [{ t: new Date(d.body.ended_at ?? d.created_at), v: s.pain }]))),
    },
    { name: t('components.morningPain'), unit: '', points: checkins.map((d) => ({ t: new Date(d.created_at), v: d.body.pain })) },
  ];
  // One chart per screening test, with the measures its verdict rests on
  // (docs/recording-format.md); summaries such as percentiles stay in the
  // report and the exports. A recording the app could not judge is no
  // progress: its angles are not reliable, so they are not drawn.
  const byTest = new Map<string, Map<string, Series>>();
  for (const r of recs) {
    if (r.kind !== 'screening' || !r.report || r.report.verdict === 'inconclusive') continue;
    for (const m of r.report.measures) {
      if (!KEY_MEASURES.includes(m.name)) continue;
      const test = byTest.get(r.exercise) ?? new Map<string, Series>();
      byTest.set(r.exercise, test);
      const key = measureLabel(m);
      const s = test.get(key) ?? { name: key, unit: '°', points: [] };
      s.points.push({ t: new Date(r.created_at), v: Math.round(m.value * 10) / 10, u: Math.round(m.uncertainty * 10) / 10 });
      test.set(key, s);
    }
  }
  const measureCharts = [...byTest].map(([test, series]) => lineChart(t('components.measuresOverTime', { name: exerciseName(test) }), [...series.values()]));
  if (measureCharts.length === 0) {
    measureCharts.push(lineChart(t('components.screeningMeasuresOverTime'), [], { empty: t('components.noMeasuredAnglesYet') }));
  }
  const el = h(
    'div',
    { class: 'progress' },
    lineChart(t('components.painOverTime0'), pain, { yMin: 0, yMax: 10 }),
    ...measureCharts,
    h('h2', {}, t('components.sessions')),
    sessions.length
      ? h(
          'ul',
          { class: 'sessions' },
          ...sessions.map((d) => sessionItem(d.body)),
        )
      : h('p', { class: 'hint' }, t('components.noSessionsYet')),
    h('h2', {}, t('components.recordings')),
    recordingList(recs),
  );
  return el;
}

/**
 * sessionItem is one session in a line: when, how many holds (and how many
 * of them were stopped during the hold), and, for a session that ended
 * early, that it is partial and why.
 */
export function sessionItem(b: SessionBody): HTMLElement {
  const cut = b.sets.filter((s) => s.aborted).length;
  const partial = b.stopped_reason !== undefined && b.stopped_reason !== '';
  return h(
    'li',
    partial ? { class: 'partial', 'data-partial': 'true' } : {},
    t('components.sessionHolds', { when: formatDateTime(b.started_at), count: b.sets.length }),
    cut ? t('components.holdsCut', { count: cut }) : '',
    partial ? t('components.stoppedBecause', { reason: b.stopped_reason! }) : '',
  );
}

function recordingList(recs: (StoredRecording & { report?: Report })[]): HTMLElement {
  if (recs.length === 0) return h('p', { class: 'hint' }, t('components.noRecordingsYet'));
  const ul = h('ul', { class: 'recordings' });
  for (const r of [...recs].reverse()) {
    const slot = h('div', {});
    const btn = h('button', { type: 'button' }, t('components.showReplay', { id: String(r.id) }));
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        slot.replaceChildren(skeletonReplay(await data.recordingText(r.id), t('components.recordingOf', { id: String(r.id), name: exerciseName(r.exercise), when: formatDateTime(r.created_at) })).el);
        btn.hidden = true;
      } catch (err) {
        slot.replaceChildren(h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
        btn.disabled = false;
      }
    });
    ul.append(
      h(
        'li',
        { 'data-recording': String(r.id) },
        h('strong', {}, t('components.recordingKind', { kind: r.kind === 'screening' ? t('components.screening') : t('components.sessionHold'), name: exerciseName(r.exercise) })),
        t('components.recordingWhen', { when: formatDateTime(r.created_at), s: r.duration_s }),
        r.report ? verdictText(r.report.verdict) : '',
        h('div', {}, btn),
        slot,
      ),
    );
  }
  return ul;
}
