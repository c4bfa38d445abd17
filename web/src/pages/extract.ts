// The extraction page `stretchwise extract` drives in headless Chromium. It
// reads its job from the query (src: a same-origin video URL the local Go
// process serves; model; engine; fps; view; exercise), runs the same frame-by-frame
// extraction as the video page and exposes its state on
// window.stretchwiseExtract for the driver to poll. It is usable by hand too.
import { h } from '../dom';
import { DEFAULT_MODEL, ENGINES, Estimator, type Engine } from '../pose/mediapipe';
import { Stage } from '../pose/stage';
import { extractVideo, loadVideo } from '../pose/video';
import { VIEWS, type Model, type View } from '../recording';
import type { ExtractState } from '../engine.gen';
import type { Cleanup, RouteContext } from '../router';
import { errorText, statusLine } from './common';
import { t } from '../i18n';

declare global {
  interface Window {
    stretchwiseExtract?: ExtractState;
  }
}

export function renderExtract(ctx: RouteContext): Cleanup {
  const p = ctx.params;
  const src = p.get('src') ?? '';
  const asked = p.get('model');
  const model: Model = asked === 'lite' || asked === 'full' ? asked : DEFAULT_MODEL;
  const engineParam = p.get('engine') ?? 'cpu';
  const fps = Number(p.get('fps') ?? '0');
  const viewParam = p.get('view') ?? 'unknown';
  const view: View = (VIEWS as readonly string[]).includes(viewParam) ? (viewParam as View) : 'unknown';
  const exercise = p.get('exercise') || 'unknown';
  // preview=0 (stretchwise extract): nobody watches a headless page, so the
  // video is kept at a few pixels and neither the skeleton nor the progress
  // is drawn per frame; painting them cost more CPU per frame than decoding.
  const preview = p.get('preview') !== '0';

  const state: ExtractState = { state: 'loading', done: 0, total: 0, detected: 0, fps: 0, poseSeconds: 0, seeks: 0, error: '', text: '' };
  window.stretchwiseExtract = state;
  const progress = h('progress', { max: '1', value: '0', 'aria-label': t('extract.framesDone') });
  const status = statusLine();
  const stage = new Stage(t('extract.skeletonFoundInThe'));
  const abort = new AbortController();
  if (!preview) stage.el.classList.add('stage-hidden');
  ctx.root.append(h('h1', { tabindex: '-1' }, t('route.extract.title')), progress, status, stage.el);

  const fail = (msg: string) => {
    state.error = msg;
    state.state = 'error';
    status.textContent = t('extract.failed', { error: msg });
  };

  (async () => {
    let url: URL;
    try {
      url = new URL(src, location.href);
    } catch {
      return fail(`src ${JSON.stringify(src)} is not a URL`);
    }
    if (!src || url.origin !== location.origin) return fail('src must be a video on this server');
    if (!(ENGINES as readonly string[]).includes(engineParam)) return fail(`engine must be one of ${ENGINES.join(', ')}, got ${JSON.stringify(engineParam)}`);
    status.textContent = t('extract.loadingTheVideoAnd');
    await loadVideo(stage.video, url.href);
    stage.fit();
    const est = await Estimator.create({ model, engine: engineParam as Engine });
    try {
      state.state = 'running';
      const res = await extractVideo(stage.video, est, {
        ...(fps > 0 ? { fps } : {}),
        view,
        exercise,
        signal: abort.signal,
        seekEveryFrame: p.get('seek') === 'every',
        onProgress: (done, total, e) => {
          state.done = done;
          state.total = total;
          if (e.image) state.detected++;
          if (!preview) return;
          progress.max = total;
          progress.value = done;
          status.textContent = t('extract.progress', { done, total });
          stage.draw(e.image);
        },
      });
      state.fps = res.fps;
      state.detected = res.detected;
      state.poseSeconds = res.poseSeconds;
      state.seeks = res.seeks;
      state.text = res.recorder.text();
      state.state = 'done';
      status.textContent = t('video.done', { detected: res.detected, frames: res.frames });
    } finally {
      await est.close();
    }
  })().catch((err: unknown) => fail(errorText(err)));

  return () => abort.abort();
}
