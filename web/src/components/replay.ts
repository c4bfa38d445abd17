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

/** skeletonReplay shows the recording text (JSON Lines) as an animation. */
export function skeletonReplay(text: string, label = t('components.skeletonReplay')): Replay {
  const { header, frames } = parseJSONL(text);
  const canvas = h('canvas', { class: 'replay-canvas', role: 'img', 'aria-label': label, 'data-testid': 'replay' });
  // Draw at the recording's aspect, at most 480 px wide.
  const scale = Math.min(1, 480 / header.width);
  canvas.width = Math.round(header.width * scale);
  canvas.height = Math.round(header.height * scale);
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
      drawSkeleton(ctx, f?.lm ?? null);
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
