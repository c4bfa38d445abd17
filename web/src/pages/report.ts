// The analysis report in plain words: the verdict first, then the measured
// angles with their uncertainty, what was noticed and why a verdict could
// not be given.
import type { Measure, Report } from '../api';
import { h } from '../dom';

const VERDICTS: Record<string, string> = {
  stable: 'Your lower back stayed steady.',
  caution: 'Your lower back moved a little. Worth watching.',
  unstable: 'Your lower back moved too much.',
  normal: 'Your hip flexors do not look tight.',
  tight: 'Your hip flexors look tight.',
  good: 'Good form.',
  faults: 'Some form faults to fix.',
  inconclusive: 'We could not tell from this recording.',
};

const MEASURES: Record<string, string> = {
  pelvic_roll_deg: 'Pelvis roll',
  shoulder_roll_deg: 'Shoulder roll',
  hip_angle_deg: 'Thigh angle from horizontal',
  knee_angle_deg: 'Knee bend',
  front_knee_deg: 'Front knee bend',
  back_knee_deg: 'Back knee bend',
  trunk_from_vertical_deg: 'Trunk lean',
  hip_extension_deg: 'Hip extension',
  good_form_hold_s: 'Good-form hold',
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
  return m.side ? `${name} (${m.side})` : name;
}

/** measureText is "12.3° ± 2.1°". */
export function measureText(m: Measure): string {
  const u = unitText(m.unit);
  return `${m.value.toFixed(1)}${u} ± ${m.uncertainty.toFixed(1)}${u}`;
}

/** renderReport returns a section showing r. */
export function renderReport(r: Report): HTMLElement {
  const sec = h('section', { class: 'report', 'aria-labelledby': 'report-title' });
  sec.append(
    h('h2', { id: 'report-title' }, 'Result'),
    h('p', { class: `verdict verdict-${r.verdict}`, 'data-testid': 'verdict', 'data-verdict': r.verdict }, verdictText(r.verdict)),
  );
  if (r.advice?.length) sec.append(h('ul', { class: 'advice' }, ...r.advice.map((a) => h('li', {}, a))));
  if (r.measures.length) {
    const rows = r.measures.map((m) => h('tr', {}, h('th', { scope: 'row' }, measureLabel(m)), h('td', {}, measureText(m))));
    sec.append(
      h(
        'table',
        { class: 'measures' },
        h('caption', {}, 'Measured angles (± about one standard deviation)'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Measure'), h('th', { scope: 'col' }, 'Value'))),
        h('tbody', {}, ...rows),
      ),
    );
  }
  if (r.findings.length) {
    sec.append(
      h('h3', {}, 'What we noticed'),
      h('ul', { class: 'findings' }, ...r.findings.map((f) => h('li', { 'data-severity': f.severity }, `${f.message} (${f.start_s.toFixed(1)}–${f.end_s.toFixed(1)} s)`))),
    );
  }
  if (r.reasons.length) {
    sec.append(h('h3', {}, 'Why'), h('ul', { class: 'reasons' }, ...r.reasons.map((x) => h('li', {}, x))));
  }
  return sec;
}
