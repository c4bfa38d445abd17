import { screenings, type ScreeningTest } from '../components/core';
import { h } from '../dom';
import { api } from '../api';
import { t } from '../i18n';
import { loadEngine, type Engine } from '../engine';
import type { Cleanup, RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { safetyStops } from '../components/safety';
import { data } from '../components/data';
import { Speech } from '../components/speech';
import { cameraButton } from '../components/live-camera';
import { videoFile } from '../components/video-file';
import { ScreeningCamera } from '../components/screening-camera';
import { ScreeningChoice } from '../components/screening-choice';
import { ScreeningGuide } from '../components/screening-guide';
import { ScreeningResult } from '../components/screening-result';
import { firstDo, statusLine } from './common';

export async function renderScreening(ctx: RouteContext): Promise<Cleanup | void> {
  const title = t('route.screening.title');
  const me = await requireUser(ctx, title, 'patient');
  if (!me) return;
  if (await safetyStops(ctx, title, t('screening.whatStops'))) return;
  // The safety questions come before any movement: some answers mean the
  // tests should wait for a clinician.
  if ((await data.intakes()).length === 0) {
    firstDo(ctx, title, t('screening.needIntake'), { 'data-testid': 'screening-needs-intake' }, '/intake', t('plan.answer'));
    return;
  }
  return screeningPage(ctx, title, await screenings(), await loadEngine());
}

/**
 * screeningPage wires the screening's parts (components/screening-*): the
 * choices, the guide, the camera with the recording, or a video file, and
 * the result, which takes the guide's and the camera's place.
 */
function screeningPage(ctx: RouteContext, title: string, tests: readonly ScreeningTest[], engine: Engine): Cleanup {
  const speech = new Speech();
  const status = statusLine();
  const startCam = h('button', { type: 'button', class: 'primary' }, t('live.startCamera'));
  const guide = new ScreeningGuide();
  const choice = new ScreeningChoice(tests, ctx.params.get('test'), () => showGuide());
  const camera = new ScreeningCamera({ engine, choice, status, say: (text) => speech.say(text), done: (text) => send(text), failed: () => (startCam.hidden = false) });
  const showGuide = () => {
    guide.show(choice.test, choice.side, choice.view);
    camera.show(choice.test);
  };
  const result = new ScreeningResult({ covers: [guide.el, camera.check.el, camera.live.stage.el], navigate: (path) => ctx.navigate(path), makePlan: () => data.makePlan() });
  /** send uploads a recording and shows the server's report. */
  const send = async (text: string) => {
    const stored = await api.uploadRecording(text, 'screening');
    status.textContent = t('screening.saved');
    camera.live.show(t('screening.hereIsResult'));
    camera.live.off();
    result.show(stored.report, text, choice.test.id);
  };
  const start = async () => {
    result.clear();
    await camera.start();
  };
  cameraButton(startCam, status, start, () => camera.stop());
  // A recorded video file instead of the live camera: read on this device; only its landmarks are uploaded.
  const videoBox = videoFile({
    stage: camera.live.stage,
    status,
    what: () => ({ view: choice.view, exercise: choice.test.id }),
    busy: async (on) => {
      startCam.disabled = on;
      if (!on) return;
      result.clear();
      await camera.stop();
    },
    done: send,
  });
  showGuide();
  ctx.root.append(
    h('h1', { tabindex: '-1' }, title),
    h('p', {}, t('screening.intro')),
    choice.el,
    guide.el,
    h('div', { class: 'actions' }, startCam, speech.toggle),
    videoBox,
    camera.live.el,
    camera.check.el,
    status,
    result.el,
  );
  return () => {
    camera.leave();
    result.clear();
    guide.stop();
    speech.stop();
  };
}
