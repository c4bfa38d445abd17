// The demonstration player: draws an animation of the synthetic body as a
// looping skeleton (the same drawing as the live overlay), with a pause
// button and a caption saying what it shows and from where.
import { h } from '../dom';
import { drawSkeleton } from '../pose/skeleton';
import { animation, type Animation } from './engine';
import './demo.css';
import { has, t } from '../i18n';

/** Words for the camera views of docs/recording-format.md. */
const VIEWS = ['front', 'rear', 'left', 'right', 'front-left', 'front-right', 'rear-left', 'rear-right'] as const;

/** viewWords says where a camera view is seen from ("from behind"). */
export function viewWords(view: string): string {
  return (VIEWS as readonly string[]).includes(view) ? t(`demos.seen.${view as (typeof VIEWS)[number]}`) : view;
}

export interface Player {
  el: HTMLElement;
  canvas: HTMLCanvasElement;
  stop: () => void;
}

/** Background of the drawing: dark, so the skeleton's colours read as they do over a video. */
const BACKGROUND = '#23211e';
/** Width the animation is drawn at, pixels: our choice, readable and cheap. */
const DRAW_WIDTH = 480;

/** play draws an animation, looping, until stop is called or the element leaves the page. */
export function play(a: Animation, opts: { caption?: string; kind?: 'good' | 'fault' } = {}): Player {
  const canvas = h('canvas', {
    class: 'demo-canvas',
    role: 'img',
    'aria-label': t('demos.label', { name: a.name, label: a.label, seen: viewWords(a.view) }),
    'data-testid': 'demo-canvas',
    'data-exercise': a.exercise,
    'data-variant': a.variant,
  });
  canvas.width = DRAW_WIDTH;
  canvas.height = Math.round((DRAW_WIDTH * a.height) / a.width);
  const ctx = canvas.getContext('2d');
  const phase = h('span', { class: 'demo-phase', 'aria-hidden': 'true' });
  const pause = h('button', { type: 'button', class: 'demo-pause', 'aria-pressed': 'false' }, t('demos.pause'));
  pause.setAttribute('aria-label', t('demos.pauseWhat', { label: a.label }));
  let paused = false;
  let timer: number | undefined;
  let k = 0;
  const draw = () => {
    const f = a.frames[k];
    if (!ctx || !f) return;
    drawSkeleton(ctx, f);
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.globalCompositeOperation = 'source-over';
    canvas.dataset.frame = String(k);
    const t = k / a.fps;
    const ph = a.phases?.find((p) => t >= p.start_s && t < p.end_s);
    phase.textContent = ph ? phaseWords(ph.name, ph.side) : '';
  };
  const tick = () => {
    if (!canvas.isConnected && k > 0) return stop();
    if (!paused) {
      k = (k + 1) % a.frames.length;
      draw();
    }
    timer = window.setTimeout(tick, 1000 / a.fps);
  };
  const stop = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
  };
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.textContent = paused ? t('demos.play') : t('demos.pause');
    pause.setAttribute('aria-pressed', String(paused));
    pause.setAttribute('aria-label', t(paused ? 'demos.playWhat' : 'demos.pauseWhat', { label: a.label }));
  });
  draw();
  timer = window.setTimeout(tick, 1000 / a.fps);
  const el = h(
    'figure',
    { class: `demo demo-${opts.kind ?? (a.variant === 'good' ? 'good' : 'fault')}` },
    h('div', { class: 'demo-stage' }, canvas, phase),
    h('figcaption', {}, h('strong', {}, opts.caption ?? a.label), t('demos.seen', { seen: viewWords(a.view) }), ' ', pause),
  );
  return { el, canvas, stop };
}

export interface Demonstration {
  el: HTMLElement;
  stop: () => void;
  /** ready resolves once the animation is drawing (or the error is shown). */
  ready: Promise<void>;
}

/**
 * demonstration is the drop-in component: the good-form animation of an
 * exercise (a library id or a screening test) from a camera view ("" for
 * the exercise's default), loaded from the engine. The screening page's
 * camera-placement guidance shows it as "this is what the camera should see".
 */
export function demonstration(exercise: string, view = '', caption?: string): Demonstration {
  const el = h('div', { class: 'demo-slot', 'aria-busy': 'true' }, h('p', { class: 'hint' }, t('demos.loadingTheDemonstration')));
  let player: Player | undefined;
  let stopped = false;
  const ready = animation(exercise, 'good', view)
    .then((a) => {
      if (stopped) return;
      player = play(a, caption ? { caption } : {});
      el.replaceChildren(player.el);
    })
    .catch((e: unknown) => {
      el.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('demos.drawFailed', { error: e instanceof Error ? e.message : String(e) })));
    })
    .finally(() => el.removeAttribute('aria-busy'));
  return {
    el,
    ready,
    stop: () => {
      stopped = true;
      player?.stop();
    },
  };
}

/** phaseWords says a stage of a demonstration in plain words ("hold", "left": "Hold, left side"); a stage without words shows none. */
export function phaseWords(name: string, side?: string): string {
  const key = `demos.phase.${name}`;
  if (!has(key)) return '';
  const s = `demos.side.${side ?? ''}`;
  return has(s) ? t('demos.phaseSide', { phase: t(key), side: t(s) }) : t(key);
}
