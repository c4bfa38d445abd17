// The analysis report in plain words: the verdict first, then the measured
// angles with their uncertainty, what was noticed and why a verdict could
// not be given.
import type { Measure, Report } from '../api';
import { h } from '../dom';
import { t } from '../i18n';

const VERDICTS: Record<string, string> = {
  stable: t('report.yourLowerBackStayed'),
  caution: t('report.yourLowerBackMoved'),
  unstable: t('report.yourLowerBackMoved2'),
  normal: t('report.yourHipFlexorsDo'),
  tight: t('report.yourHipFlexorsLook'),
  good: t('report.goodForm'),
  faults: t('report.someFormFaultsTo'),
  inconclusive: t('report.weCouldNotTell'),
};

const MEASURES: Record<string, string> = {
  pelvic_roll_deg: t('report.pelvisRoll'),
  shoulder_roll_deg: t('report.shoulderRoll'),
  hip_angle_deg: t('report.thighAngleFromHorizontal'),
  knee_angle_deg: t('report.kneeBend'),
  front_knee_deg: t('report.frontKneeBend'),
  back_knee_deg: t('report.backKneeBend'),
  trunk_from_vertical_deg: t('report.trunkLean'),
  hip_extension_deg: t('report.hipExtension'),
  good_form_hold_s: t('report.goodFormHold'),
};

/** verdictText is the verdict in plain words. */
export function verdictText(verdict: string): string {
  return VERDICTS[verdict] ?? verdict;
}

function unitText(unit: string): string {
  return unit === 'deg' ? '°' : unit === 's' ? ' s' : ` ${unit}`;
}

export function measureLabel(m: Measure): string {
  const name = MEASURES[m.name] ?? m.name.replace(/_(deg|s)$/, '').replace(/_/g, ' ');
  return m.side ? t('report.sided', { name, side: m.side === 'right' ? t('side.right') : t('side.left') }) : name;
}

/** measureText is "12.3° (give or take 2.1°)" in the person's locale. */
export function measureText(m: Measure): string {
  const u = unitText(m.unit);
  if (!(m.uncertainty > 0)) return t('report.valueOnly', { value: m.value, unit: u });
  return t('report.valueGiveOrTake', { value: m.value, uncertainty: m.uncertainty, unit: u });
}

/** renderReport returns a section showing r. */
export function renderReport(r: Report): HTMLElement {
  const sec = h('section', { class: 'report', 'aria-labelledby': 'report-title' });
  sec.append(
    h('h2', { id: 'report-title' }, t('report.result')),
    h('p', { class: `verdict verdict-${r.verdict}`, 'data-testid': 'verdict', 'data-verdict': r.verdict }, verdictText(r.verdict)),
  );
  if (r.advice?.length) sec.append(h('ul', { class: 'advice' }, ...r.advice.map((a) => h('li', {}, a))));
  // The spread of a measure over a hold (its 5th and 95th percentiles, its median) is for the clinician's view.
  const shown = r.measures.filter((m) => !/_(p05|p95|median)_/.test(m.name));
  if (shown.length) {
    const rows = shown.map((m) => h('tr', {}, h('th', { scope: 'row' }, measureLabel(m)), h('td', {}, measureText(m))));
    // The numbers are folded away: the verdict and the advice above say what they mean.
    sec.append(
      h(
        'details',
        { class: 'report-measures' },
        h('summary', {}, t('report.theMeasurements')),
        h(
          'table',
          { class: 'measures' },
          h('caption', {}, t('report.measuredAnglesAboutOne')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('report.measure')), h('th', { scope: 'col' }, t('report.value')))),
          h('tbody', {}, ...rows),
        ),
      ),
    );
  }
  if (r.findings.length) {
    sec.append(
      h('h3', {}, t('report.whatWeNoticed')),
      h('ul', { class: 'findings' }, ...r.findings.map((f) => h('li', { 'data-severity': f.severity }, t('report.finding', { message: f.message, from: f.start_s, to: f.end_s })))),
    );
  }
  if (r.reasons.length) {
    sec.append(h('h3', {}, t('report.why')), h('ul', { class: 'reasons' }, ...r.reasons.map((x) => h('li', {}, x))));
  }
  return sec;
}
