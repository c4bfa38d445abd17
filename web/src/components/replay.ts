// Skeleton replay: plays a landmark recording back as a moving skeleton
// (lines and dots only: there is no picture to replay), with play/pause and
// a time slider.
import { h, uid } from '../dom';
import { drawSkeleton } from '../pose/skeleton';
import { parseJSONL, type Frame } from '../recording';
import { t } from '../i18n';

export interface Replay {
  el: HTMLElement;
  stop: () => void;
}

type Landmarks = NonNullable<Frame['lm']>;

/**
 * replayFit sizes the replay's drawing to where the person was, not to the
 * camera's picture: the box around every landmark of every frame (a leg
 * beyond the picture's edge included), with a tenth of its longer side as a
 * margin all round, at most `most` px on its longer side. place maps a
 * frame's landmarks (in fractions of the picture) to fractions of that box.
 */
export function replayFit(frames: readonly Frame[], width: number, height: number, most = 480): { width: number; height: number; place: (lm: Landmarks) => Landmarks } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const f of frames) {
    for (const [x, y] of f.lm ?? []) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x * width);
      x1 = Math.max(x1, x * width);
      y0 = Math.min(y0, y * height);
      y1 = Math.max(y1, y * height);
    }
  }
  if (x0 > x1) [x0, y0, x1, y1] = [0, 0, width, height]; // nobody found: the whole picture
  else {
    const m = Math.max(x1 - x0, y1 - y0, 1) / 10;
    [x0, y0, x1, y1] = [x0 - m, y0 - m, x1 + m, y1 + m];
  }
  const bw = x1 - x0;
  const bh = y1 - y0;
  const scale = most / Math.max(bw, bh);
  return {
    width: Math.round(bw * scale),
    height: Math.round(bh * scale),
    place: (lm) => lm.map(([x, y, z, v]) => [(x * width - x0) / bw, (y * height - y0) / bh, z, v]),
  };
}

/** skeletonReplay shows the recording text (JSON Lines) as an animation. */
export function skeletonReplay(text: string, label = t('components.skeletonReplay')): Replay {
  const { header, frames } = parseJSONL(text);
  const canvas = h('canvas', { class: 'replay-canvas', role: 'img', 'aria-label': label, 'data-testid': 'replay' });
  const fit = replayFit(frames, header.width, header.height);
  canvas.width = fit.width;
  canvas.height = fit.height;
  const ctx = canvas.getContext('2d');
  const dur = frames.length ? frames[frames.length - 1]!.t : 0;
  const sid = uid('replay');
  const pos = h('input', { type: 'range', min: '0', max: String(Math.max(0, frames.length - 1)), step: '1', value: '0', id: sid });
  const play = h('button', { type: 'button' }, t('components.playReplay'));
  const time = h('span', { class: 'replay-time' }, t('components.replayTime', { at: '0', of: dur }));
  let i = 0;
  let timer: number | undefined;
  const show = (k: number) => {
    i = Math.max(0, Math.min(frames.length - 1, k));
    const f: Frame | undefined = frames[i];
    if (ctx) {
      drawSkeleton(ctx, f?.lm ? fit.place(f.lm) : null);
      if (f && !f.lm) {
        ctx.fillStyle = '#ccc';
        ctx.font = '16px system-ui';
        ctx.fillText('no person found in this frame', 10, 24);
      }
    }
    pos.value = String(i);
    time.textContent = t('components.replayTime', { at: f?.t ?? 0, of: dur });
  };
  const stop = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    play.textContent = t('components.playReplay');
  };
  const step = () => {
    if (i >= frames.length - 1) return stop();
    const dt = (frames[i + 1]!.t - frames[i]!.t) * 1000;
    show(i + 1);
    timer = window.setTimeout(step, Math.max(10, dt));
  };
  play.addEventListener('click', () => {
    if (timer !== undefined) return stop();
    if (i >= frames.length - 1) show(0);
    play.textContent = t('components.pauseReplay');
    timer = window.setTimeout(step, 0);
  });
  pos.addEventListener('input', () => {
    stop();
    show(Number(pos.value));
  });
  // Start on the first frame with a person.
  show(Math.max(0, frames.findIndex((f) => f.lm !== null)));
  const el = h(
    'figure',
    { class: 'replay' },
    canvas,
    h('figcaption', {}, label),
    h('div', { class: 'replay-controls' }, play, h('label', { for: sid, class: 'sr' }, t('components.replayPosition')), pos, time),
  );
  return { el, stop };
}
