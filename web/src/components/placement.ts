// Camera-placement pictures: simple line drawings seen from above, with the
// person's mat and where the phone goes, on the side the person chose. The
// animated demonstration under it shows what the camera should then see.
import { h } from '../dom';
import { t } from '../i18n';

export type Placement = 'rear' | 'side';

const NS = 'http://www.w3.org/2000/svg';

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * placementPicture returns a labelled drawing of where to put the camera
 * for a test done in a posture (the library's: quadruped, supine, half-kneeling),
 * seen from above with the head to the right: the person's left side is at
 * the top of the picture, so the phone goes above the mat for side 'left'
 * and below it for 'right'.
 */
export function placementPicture(p: Placement, posture: string, side: 'left' | 'right'): HTMLElement {
  const label =
    p === 'rear'
      ? t('cue.placementRear')
      : t('cue.placementSide', { side: t(side === 'left' ? 'side.left' : 'side.right') });
  // Mirror about the mat's long axis (y = 110) for the left side.
  const my = (y: number) => (side === 'left' ? 220 - y : y);
  const svg = el('svg', { viewBox: '0 0 320 220', role: 'img', 'aria-label': label, class: 'placement' });
  // The mat.
  svg.append(el('rect', { x: 90, y: 80, width: 140, height: 60, rx: 6, fill: '#e7e2d6', stroke: '#b5ae9c' }));
  // The person from above: head, trunk, limbs.
  const body = '#1c1b19';
  svg.append(el('circle', { cx: posture === 'supine' ? 105 : 215, cy: 110, r: 10, fill: body }));
  svg.append(el('line', { x1: 125, y1: 110, x2: 203, y2: 110, stroke: body, 'stroke-width': 12, 'stroke-linecap': 'round' }));
  if (posture === 'quadruped') {
    for (const [x, y] of [[195, 92], [195, 128], [130, 92], [130, 128]] as const) {
      svg.append(el('line', { x1: x, y1: 110, x2: x, y2: y, stroke: body, 'stroke-width': 7, 'stroke-linecap': 'round' }));
    }
  } else if (posture === 'half-kneeling') {
    svg.append(el('line', { x1: 130, y1: 110, x2: 110, y2: 96, stroke: body, 'stroke-width': 7, 'stroke-linecap': 'round' }));
    svg.append(el('line', { x1: 130, y1: 110, x2: 160, y2: 126, stroke: body, 'stroke-width': 7, 'stroke-linecap': 'round' }));
  } else {
    svg.append(el('line', { x1: 203, y1: 106, x2: 225, y2: 100, stroke: body, 'stroke-width': 7, 'stroke-linecap': 'round' }));
    svg.append(el('line', { x1: 203, y1: 114, x2: 225, y2: 124, stroke: body, 'stroke-width': 7, 'stroke-linecap': 'round' }));
  }
  // The phone and its view.
  // Straight behind: in line with the spine, beyond the feet (left in the picture).
  const [cx, cy] = p === 'rear' ? [30, 110] : [165, my(205)];
  const [tx, ty] = [165, 110];
  const a = Math.atan2(ty - cy, tx - cx);
  const spread = 0.45;
  const r = 90;
  svg.append(
    el('path', {
      d: `M${cx},${cy} L${cx + r * Math.cos(a - spread)},${cy + r * Math.sin(a - spread)} L${cx + r * Math.cos(a + spread)},${cy + r * Math.sin(a + spread)} Z`,
      fill: 'rgba(180,83,9,0.18)',
      stroke: '#b45309',
    }),
  );
  svg.append(el('rect', { x: cx - 9, y: cy - 14, width: 18, height: 28, rx: 3, fill: '#b45309' }));
  const labelDy = p === 'side' ? 5 : 32;
  svg.append(el('text', { x: cx + (p === 'side' ? 16 : -16), y: cy + labelDy, 'font-size': 14, fill: '#1c1b19' }, t('cue.placementPhone')));
  svg.append(
    el('text', { x: 160, y: my(30), 'text-anchor': 'middle', 'font-size': 15, fill: '#1c1b19' }, p === 'rear' ? t('cue.placementBehind') : t('cue.placementSideOn', { side: t(side === 'left' ? 'side.left' : 'side.right') })),
  );
  return h('figure', { class: 'placement-figure' }, svg as unknown as HTMLElement, h('figcaption', {}, label));
}
