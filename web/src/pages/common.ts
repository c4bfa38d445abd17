import { field, h, select } from '../dom';
import { DEFAULT_MODEL } from '../pose/mediapipe';
import { VIEWS, type Model, type View } from '../recording';

export const VIEW_LABELS: Record<View, string> = {
  front: 'Front', rear: 'Back', left: 'Left side', right: 'Right side',
  'front-left': 'Front, left side', 'front-right': 'Front, right side',
  'rear-left': 'Back, left side', 'rear-right': 'Back, right side', unknown: 'Not sure',
};

export const EXERCISE_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['unknown', 'Not sure'],
  ['bird-dog', 'Bird dog'],
  ['thomas-test', 'Thomas test'],
  ['half-kneeling-hip-flexor', 'Half-kneeling hip-flexor stretch'],
];

export interface SetupControls {
  model: HTMLSelectElement;
  view: HTMLSelectElement;
  exercise: HTMLSelectElement;
  el: HTMLElement;
}

/** setupControls builds the labelled model, view and exercise choices. */
export function setupControls(defaults: { model?: Model; view?: View; exercise?: string } = {}): SetupControls {
  const model = select('model', [['lite', 'Lite (faster)'], ['full', 'Full (more accurate)']], defaults.model ?? DEFAULT_MODEL);
  const view = select('view', VIEWS.map((v) => [v, VIEW_LABELS[v]] as const), defaults.view ?? 'unknown');
  const exercise = select('exercise', EXERCISE_OPTIONS, defaults.exercise ?? 'unknown');
  const el = h(
    'div',
    { class: 'fields' },
    field('Pose model', model),
    field('Camera view', view, 'Which side of your body faces the camera.'),
    field('Exercise', exercise),
  );
  return { model, view, exercise, el };
}

/** status returns a live region that announces what is happening. */
export function statusLine(): HTMLParagraphElement {
  return h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

export function errorText(err: unknown): string {
  if (err instanceof DOMException && err.name === 'NotAllowedError') return 'The camera was not allowed. Allow it in the browser and try again.';
  if (err instanceof DOMException && err.name === 'NotFoundError') return 'No camera was found.';
  return err instanceof Error ? err.message : String(err);
}

export function formatDuration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '–';
  const m = Math.floor(s / 60);
  const r = Math.round(s % 60);
  return m > 0 ? `${m} min ${r} s` : `${r} s`;
}
