import { field, h, select } from '../dom';
import { DEFAULT_MODEL } from '../pose/mediapipe';
import { VIEWS, type Model, type View } from '../recording';
import { t, type MessageKey } from '../i18n';
import type { RouteContext } from '../router';

/** viewLabel names a camera view in words. */
export function viewLabel(v: View): string {
  return t(`view.${v}`);
}

export const EXERCISE_OPTIONS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['unknown', 'choice.notSure'],
  ['bird-dog', 'exercise.birdDog'],
  ['thomas-test', 'exercise.thomasTest'],
  ['half-kneeling-hip-flexor', 'exercise.halfKneeling'],
];

export interface SetupControls {
  model: HTMLSelectElement;
  view: HTMLSelectElement;
  exercise: HTMLSelectElement;
  el: HTMLElement;
}

/** setupControls builds the labelled model, view and exercise choices. */
export function setupControls(defaults: { model?: Model; view?: View; exercise?: string } = {}): SetupControls {
  const model = select('model', [['lite', t('setup.model.lite')], ['full', t('setup.model.full')]], defaults.model ?? DEFAULT_MODEL);
  const view = select('view', VIEWS.map((v) => [v, viewLabel(v)] as const), defaults.view ?? 'unknown');
  const exercise = select('exercise', EXERCISE_OPTIONS.map(([v, k]) => [v, t(k)] as const), defaults.exercise ?? 'unknown');
  const el = h(
    'div',
    { class: 'fields' },
    field(t('setup.model'), model),
    field(t('setup.view'), view, t('setup.view.hint')),
    field(t('setup.exercise'), exercise),
  );
  return { model, view, exercise, el };
}

/**
 * firstDo shows a page that cannot start yet: its title, what has to come
 * first and a link there (the session before a plan, the screening before
 * the questions about one's back).
 */
export function firstDo(ctx: RouteContext, title: string, text: string, attrs: Record<string, string>, href: string, link: string): void {
  ctx.root.append(h('h1', { tabindex: '-1' }, title), h('p', attrs, text), h('p', {}, h('a', { href, class: 'button primary' }, link)));
}

/** status returns a live region that announces what is happening. */
export function statusLine(): HTMLParagraphElement {
  return h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

export function errorText(err: unknown): string {
  if (err instanceof DOMException && err.name === 'NotAllowedError') return t('error.cameraNotAllowed');
  if (err instanceof DOMException && err.name === 'NotFoundError') return t('error.noCamera');
  return err instanceof Error ? err.message : String(err);
}

export function formatDuration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '–';
  const m = Math.floor(s / 60);
  const r = Math.round(s % 60);
  return m > 0 ? t('duration.minutes', { m, s: r }) : t('duration.seconds', { s: r });
}
