// Camera check: the live camera with the skeleton drawn over it, and a
// recording of the landmarks (never of the picture) that can be downloaded.
import { FramingGuide, placementForView } from '../components/framing';
import { FrameRateNote } from '../components/framerate';
import { download, h } from '../dom';
import { closeCamera, openCamera, runLive } from '../pose/camera';
import { loadEngine, type LiveFilter } from '../engine';
import { Estimator } from '../pose/mediapipe';
import { Stage } from '../pose/stage';
import { makeFrame, makeHeader, Recorder, type Model, type View } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { errorText, setupControls, statusLine } from './common';
import { t } from '../i18n';

export function renderCamera(ctx: RouteContext): Cleanup {
  const rate = new FrameRateNote();
  const setup = setupControls();
  const framing = new FramingGuide(() => placementForView(setup.view.value as View, setup.exercise.value));
  const start = h('button', { type: 'button', class: 'primary' }, t('camera.startCamera'));
  const stop = h('button', { type: 'button', hidden: true }, t('camera.stopCamera'));
  const rec = h('button', { type: 'button', hidden: true }, t('camera.startRecording'));
  const save = h('button', { type: 'button', hidden: true }, t('camera.downloadRecording'));
  const seen = h('p', { class: 'big-cue', 'aria-live': 'polite', 'data-testid': 'person-status' }, t('camera.cameraOff'));
  const status = statusLine();
  const stage = new Stage(t('camera.yourSkeletonLive'));
  let stream: MediaStream | undefined;
  let loop: AbortController | undefined;
  let recorder: Recorder | undefined;
  let recStart = 0;
  let text: string | undefined;
  let est: Estimator | undefined;
  /** The live loop under way: it ends once no estimate is running. */
  let running: Promise<void> | undefined;
  let smooth: LiveFilter | undefined;
  let frames = 0;
  let found = 0;

  const shutdown = async () => {
    loop?.abort();
    loop = undefined;
    // The camera and the model are closed only when no estimate runs on them.
    await running;
    running = undefined;
    closeCamera(stage.video, stream);
    stream = undefined;
    stage.draw(null);
    smooth?.free();
    smooth = undefined;
    framing.stop();
    const e = est;
    est = undefined;
    await e?.close();
  };

  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      status.textContent = t('camera.startingTheCameraAnd');
      stream = await openCamera(stage.video);
      stage.fit();
      est = await Estimator.create({ model: setup.model.value as Model });
      // The skeleton on screen is smoothed by the engine's one-euro filter
      // (the live coach's); the recording keeps MediaPipe's raw landmarks.
      smooth = (await loadEngine()).liveFilter(stage.video.videoWidth / Math.max(1, stage.video.videoHeight));
      framing.start(await loadEngine(), stage.video.videoWidth, stage.video.videoHeight);
      start.hidden = true;
      stop.hidden = false;
      rec.hidden = false;
      status.textContent = t('camera.cameraOnThePicture');
      loop = new AbortController();
      const signal = loop.signal;
      running = runLive(stage.video, est, signal, (f) => {
        rate.update(f.fps);
        framing.update(f.t, f.estimate.image);
        stage.fit();
        if (f.estimate.image && smooth) stage.draw(smooth.apply(f.t, f.estimate.image));
        else {
          smooth?.reset();
          stage.draw(null);
        }
        frames++;
        if (f.estimate.image) found++;
        seen.textContent = f.estimate.image ? t('camera.personFound') : t('camera.noPersonInView');
        seen.dataset.found = f.estimate.image ? 'true' : 'false';
        stage.el.dataset.frames = String(frames);
        stage.el.dataset.found = String(found);
        if (recorder) {
          // The first recorded frame is time zero of the recording.
          if (Number.isNaN(recStart)) recStart = f.t;
          recorder.add(makeFrame(f.t - recStart, f.estimate.image, f.estimate.world));
        }
      }).catch((err: unknown) => {
        if (!signal.aborted) status.textContent = t('camera.stopped', { error: errorText(err) });
      });
    } catch (err) {
      status.textContent = t('camera.couldNotStart', { error: errorText(err) });
      await shutdown();
      start.hidden = false;
    } finally {
      start.disabled = false;
    }
  });

  stop.addEventListener('click', async () => {
    if (recorder) rec.click();
    await shutdown();
    stop.hidden = true;
    rec.hidden = true;
    start.hidden = false;
    seen.textContent = t('camera.cameraOff');
    status.textContent = t('camera.cameraOff2');
  });

  rec.addEventListener('click', () => {
    if (!recorder) {
      recorder = new Recorder(
        makeHeader({
          width: stage.video.videoWidth,
          height: stage.video.videoHeight,
          view: setup.view.value as View,
          exercise: setup.exercise.value,
          runtime: est?.runtime ?? 'unknown',
          model: setup.model.value as Model,
        }),
      );
      recStart = Number.NaN;
      rec.textContent = t('camera.stopRecording');
      save.hidden = true;
      status.textContent = t('camera.recordingTheLandmarks');
    } else {
      text = recorder.text();
      status.textContent = t('camera.recorded', { frames: recorder.frames.length, detected: recorder.detected });
      recorder = undefined;
      rec.textContent = t('camera.startRecording');
      save.hidden = false;
    }
  });
  save.addEventListener('click', () => {
    if (text) download('camera-recording.jsonl', text);
  });

  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('route.camera.title')),
    h('p', {}, t('camera.seeWhatTheCamera')),
    setup.el,
    h('div', { class: 'actions' }, start, stop, rec, save),
    seen,
    framing.el,
    rate.el,
    status,
    stage.el,
  );
  return () => void shutdown();
}
