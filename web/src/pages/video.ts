// Analyze a recorded video file instead of the live camera. The file is
// opened from the device (an object URL); only the landmarks it yields can
// be saved or sent.
import { download, field, h } from '../dom';
import { Estimator } from '../pose/mediapipe';
import { Stage } from '../pose/stage';
import { TimeLeft } from '../pose/eta';
import { extractVideo, loadVideo } from '../pose/video';
import type { Model, View } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { errorText, formatDuration, setupControls, statusLine } from './common';
import { loadEngine } from '../engine';
import { renderReport } from './report';
import { t } from '../i18n';

export function renderVideo(ctx: RouteContext): Cleanup {
  const file = h('input', { type: 'file', accept: 'video/*', name: 'video' });
  const fps = h('input', { type: 'number', name: 'fps', min: '1', max: '120', step: 'any', inputmode: 'decimal', placeholder: 'the video’s own' });
  const setup = setupControls();
  const run = h('button', { type: 'button', class: 'primary', disabled: true }, t('video.findLandmarks'));
  const cancel = h('button', { type: 'button', hidden: true }, t('video.cancel'));
  const save = h('button', { type: 'button', hidden: true }, t('video.downloadRecording'));
  const progress = h('progress', { max: '1', value: '0', 'aria-label': t('video.framesDone'), hidden: true });
  const status = statusLine();
  const stage = new Stage(t('video.skeletonFoundInThe'));
  const result = h('div', { class: 'result' });
  let url: string | undefined;
  let abort: AbortController | undefined;
  let text: string | undefined;
  let name = 'recording';

  file.addEventListener('change', () => {
    const f = file.files?.[0];
    run.disabled = !f;
    if (!f) return;
    name = f.name.replace(/\.[^.]+$/, '') || 'recording';
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(f);
    // The file's name is the person's own (data-own): not our words.
    status.replaceChildren(h('span', { 'data-own': '' }, f.name), ' ', t('video.chosenStaysHere'));
  });

  run.addEventListener('click', async () => {
    if (!url) return;
    abort = new AbortController();
    run.disabled = true;
    cancel.hidden = false;
    save.hidden = true;
    result.replaceChildren();
    progress.hidden = false;
    progress.value = 0;
    const timeLeft = new TimeLeft();
    try {
      status.textContent = t('video.loadingTheVideoAnd');
      await loadVideo(stage.video, url);
      stage.fit();
      const est = await Estimator.create({ model: setup.model.value as Model });
      try {
        const fpsValue = Number(fps.value);
        const res = await extractVideo(stage.video, est, {
          ...(fpsValue > 0 ? { fps: fpsValue } : {}),
          view: setup.view.value as View,
          exercise: setup.exercise.value,
          signal: abort.signal,
          onProgress: (done, total, e) => {
            stage.draw(e.image);
            progress.max = total;
            progress.value = done;
            timeLeft.add(performance.now() / 1000, done);
            const left = timeLeft.left(total);
            status.textContent = left === undefined ? t('video.progressFirst', { done, total }) : t('video.progress', { done, total, left: formatDuration(left) });
          },
        });
        text = res.recorder.text();
        status.textContent = t('video.done', { detected: res.detected, frames: res.frames });
        save.hidden = false;
        // The same analysis the server runs, here on the device.
        try {
          const engine = await loadEngine();
          result.replaceChildren(renderReport(engine.analyze(text)));
        } catch (err) {
          result.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('video.analysisFailed', { error: errorText(err) })));
        }
      } finally {
        await est.close();
      }
    } catch (err) {
      status.textContent = err instanceof DOMException && err.name === 'AbortError' ? t('video.cancelled') : t('video.failed', { error: errorText(err) });
    } finally {
      run.disabled = false;
      cancel.hidden = true;
    }
  });
  cancel.addEventListener('click', () => abort?.abort());
  save.addEventListener('click', () => {
    if (text) download(`${name}.jsonl`, text);
  });

  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('video.analyzeAVideoFile')),
    h('p', {}, t('video.chooseAVideoOf')),
    h('div', { class: 'fields' }, field(t('video.videoFile'), file), field(t('video.framesPerSecond'), fps, t('video.leaveEmptyToUse'))),
    setup.el,
    h('div', { class: 'actions' }, run, cancel, save),
    progress,
    status,
    result,
    stage.el,
  );
  return () => {
    abort?.abort();
    if (url) URL.revokeObjectURL(url);
    stage.video.removeAttribute('src');
    stage.video.load();
  };
}
