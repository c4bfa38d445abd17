// Camera check: the live camera with the skeleton drawn over it, and a
// recording of the landmarks (never of the picture) that can be downloaded.
import { FramingGuide, placementForView } from '../components/framing';
import { FrameRateNote } from '../components/framerate';
import { cameraButton, LiveCamera } from '../components/live-camera';
import { download, h } from '../dom';
import { loadEngine } from '../engine';
import { Stage } from '../pose/stage';
import { makeHeader, Recorder, type Model, type View } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { errorText, setupControls, statusLine } from './common';
import { t } from '../i18n';

export function renderCamera(ctx: RouteContext): Cleanup {
  const rate = new FrameRateNote();
  const setup = setupControls();
  const framing = new FramingGuide(() => placementForView(setup.view.value as View, setup.exercise.value));
  const start = h('button', { type: 'button', class: 'primary' }, t('live.startCamera'));
  const stop = h('button', { type: 'button', hidden: true }, t('camera.stopCamera'));
  const rec = h('button', { type: 'button', hidden: true }, t('live.startRecording'));
  const save = h('button', { type: 'button', hidden: true }, t('camera.downloadRecording'));
  const seen = h('p', { class: 'big-cue', 'aria-live': 'polite', 'data-testid': 'person-status' }, t('camera.cameraOff'));
  const status = statusLine();
  const stage = new Stage(t('live.skeleton'));
  // The skeleton on screen is smoothed by the engine's one-euro filter (the
  // live coach's); the recording keeps MediaPipe's raw landmarks.
  const camera = new LiveCamera({ stage, rate }, () => setup.model.value as Model);
  let recorder: Recorder | undefined;
  let text: string | undefined;
  let frames = 0;
  let found = 0;

  const shutdown = async () => {
    framing.stop();
    await camera.stop();
  };

  cameraButton(
    start,
    status,
    async () => {
      await camera.start(
        (f) => {
          framing.update(f.t, f.estimate.image);
          frames++;
          if (f.estimate.image) found++;
          seen.textContent = f.estimate.image ? t('camera.personFound') : t('camera.noPersonInView');
          seen.dataset.found = f.estimate.image ? 'true' : 'false';
          stage.el.dataset.frames = String(frames);
          stage.el.dataset.found = String(found);
          // The first recorded frame is time zero of the recording.
          recorder?.addLive(f.t, f.estimate.image, f.estimate.world);
        },
        (err) => (status.textContent = t('live.poseStopped', { error: errorText(err) })),
      );
      framing.start(await loadEngine(), stage.video.videoWidth, stage.video.videoHeight);
      stop.hidden = false;
      rec.hidden = false;
    },
    shutdown,
  );

  stop.addEventListener('click', async () => {
    if (recorder) rec.click();
    await shutdown();
    stop.hidden = true;
    rec.hidden = true;
    start.hidden = false;
    seen.textContent = t('camera.cameraOff');
    status.textContent = t('live.cameraOff');
  });

  rec.addEventListener('click', () => {
    if (!recorder) {
      recorder = new Recorder(
        makeHeader({
          width: stage.video.videoWidth,
          height: stage.video.videoHeight,
          view: setup.view.value as View,
          exercise: setup.exercise.value,
          runtime: camera.runtime,
          model: setup.model.value as Model,
        }),
      );
      rec.textContent = t('live.stopRecording');
      save.hidden = true;
      status.textContent = t('camera.recordingTheLandmarks');
    } else {
      text = recorder.text();
      status.textContent = t('camera.recorded', { frames: recorder.frames.length, detected: recorder.detected });
      recorder = undefined;
      rec.textContent = t('live.startRecording');
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
