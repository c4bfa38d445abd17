import { screenings, type ScreeningTest } from '../components/core';
import { FramingGuide } from '../components/framing';
import { field, h, select } from '../dom';
import type { Report } from '../api';
import { api } from '../api';
import { t } from '../i18n';
import { loadEngine } from '../engine';
import { DEFAULT_MODEL } from '../pose/mediapipe';
import { makeHeader, Recorder, type View } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { safetyStops } from '../components/safety';
import { data } from '../components/data';
import { BodyCheck, type Part } from '../components/body-check';
import { countdown, countdownChoice, COUNTDOWN_DEFAULT } from '../components/countdown';
import { placementPicture, type Placement } from '../components/placement';
import { demonstration } from '../demo/player';
import { skeletonReplay } from '../components/replay';
import { Speech } from '../components/speech';
import { holdPage } from '../components/leave';
import { LiveView } from '../components/live';
import { cameraButton, LiveCamera } from '../components/live-camera';
import { videoFile } from '../components/video-file';
import { errorText, firstDo, statusLine } from './common';
import { renderReport } from './report';

/** A screening test as the page uses it: the library's (the engine serves it), with the camera placement its views imply. */
interface Test extends Omit<ScreeningTest, 'parts'> {
  placement: Placement;
  parts: readonly Part[];
}

function pageTest(t: ScreeningTest): Test {
  return {
    ...t,
    placement: t.views.includes('rear') ? 'rear' : 'side',
    parts: t.parts.map((p) => [p.name, p.landmarks[0], p.landmarks[1]] as const),
  };
}

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
  const tests = (await screenings()).map(pageTest);
  const gate = (await loadEngine()).visibilityGate;
  const speech = new Speech();
  const testSel = select('test', tests.map((x) => [x.id, x.name] as const), ctx.params.get('test') ?? 'bird-dog');
  const sideSel = select('side', [['left', t('screening.sideLeft')], ['right', t('screening.sideRight')]], 'left');
  const countdownSel = countdownChoice();
  const framing = new FramingGuide(() => placementPicture(test().placement, test().posture, sideSel.value as 'left' | 'right'));
  const guide = h('div', { class: 'guide' });
  const check = new BodyCheck(gate);
  // The live part: the one cue in large type, the timer, the camera and the
  // buttons, filling the screen while the camera is on (components/live).
  const live = new LiveView({ label: t('screening.liveLabel'), cueTestId: 'screen-cue', cue: t('screening.placeFirst'), timerLabel: t('screening.timerLabel'), timerTestId: 'screen-timer' });
  const { stage } = live;
  const camera = new LiveCamera(live);
  const status = statusLine();
  const startCam = h('button', { type: 'button', class: 'primary' }, t('live.startCamera'));
  const record = h('button', { type: 'button', class: 'primary', disabled: true, hidden: true }, t('live.startRecording'));
  const stopRec = h('button', { type: 'button', hidden: true }, t('live.stopRecording'));
  const result = h('div', { class: 'result' });
  let recorder: Recorder | undefined;
  let autoStop: number | undefined;
  let clock: number | undefined;
  let stopCountdown: (() => void) | undefined;
  /** Lets go of the page once the recording is sent or given up (components/leave). */
  let release: (() => void) | undefined;
  let replayStop: (() => void) | undefined;

  const test = () => tests.find((x) => x.id === testSel.value) ?? tests[0]!;
  const view = (): View => {
    const x = test();
    const side = sideSel.value as 'left' | 'right';
    return x.placement === 'rear' ? 'rear' : side;
  };
  let demoStop: (() => void) | undefined;
  const showGuide = () => {
    const x = test();
    demoStop?.();
    // The engine's animation of the test from this camera view (issue 8).
    const demo = demonstration(x.id, view(), t('screening.cameraShouldSee'));
    demoStop = demo.stop;
    guide.replaceChildren(
      h('h2', {}, t('screening.wherePhone')),
      placementPicture(x.placement, x.posture, sideSel.value as 'left' | 'right'),
      demo.el,
      h('h2', {}, t('screening.whatToDo')),
      h('ol', {}, ...x.steps.map((s) => h('li', {}, s))),
    );
    check.show(x.parts);
  };
  // The side facing the phone matters only for a test filmed side on; from straight behind it is not asked.
  const sideField = field(t('screening.whichSide'), sideSel);
  const showSide = () => (sideField.hidden = test().placement !== 'side');
  testSel.addEventListener('change', () => {
    showSide();
    showGuide();
  });
  sideSel.addEventListener('change', showGuide);
  showSide();
  showGuide();

  const shutdown = async () => {
    window.clearTimeout(autoStop);
    window.clearInterval(clock);
    stopCountdown?.();
    framing.stop();
    await camera.stop();
  };

  /** send uploads a recording and shows the server's report. */
  const send = async (text: string) => {
    const stored = await api.uploadRecording(text, 'screening');
    status.textContent = t('screening.saved');
    live.show(t('screening.hereIsResult'));
    showResult(stored.report, text);
  };

  const finish = async () => {
    if (!recorder) return;
    window.clearTimeout(autoStop);
    const rec = recorder;
    recorder = undefined;
    stopRec.hidden = true;
    await shutdown();
    live.off();
    live.show(t('screening.checking'));
    live.clear();
    speech.say(t('screening.relax'));
    status.textContent = t('screening.recorded', { frames: rec.frames.length, found: rec.detected });
    try {
      await send(rec.text());
    } catch (err) {
      status.textContent = t('screening.saveFailed', { error: errorText(err) });
      status.classList.add('error');
      startCam.hidden = false;
    } finally {
      release?.();
      release = undefined;
    }
  };

  const showResult = (report: Report, text: string) => {
    const replay = skeletonReplay(text, t('screening.replay'));
    replayStop = replay.stop;
    const plan = h('button', { type: 'button', class: 'primary' }, t('screening.makePlan'));
    plan.addEventListener('click', () => ctx.navigate('/plan?new=1'));
    const again = h('button', { type: 'button' }, t('screening.another'));
    again.addEventListener('click', () => ctx.navigate(`/screening?test=${testSel.value}`));
    const why = report.verdict === 'inconclusive' ? h('p', { class: 'lead' }, t('screening.inconclusive')) : null;
    // The camera is off: the result takes the place of the guide and the live view.
    guide.hidden = true;
    check.el.hidden = true;
    stage.el.hidden = true;
    live.off();
    result.replaceChildren(renderReport(report), ...(why ? [why] : []), replay.el, h('div', { class: 'actions' }, plan, again));
    result.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    result.querySelector<HTMLElement>('h2')?.focus();
  };

  const startRecording = () => {
    const x = test();
    record.hidden = true;
    release = holdPage(t('screening.leaveHold'), () => live.on());
    live.on();
    stopCountdown = countdown(live, Number(countdownSel.value) || Number(COUNTDOWN_DEFAULT), (text) => speech.say(text), () => {
      recorder = new Recorder(makeHeader({ ...camera.size, view: view(), exercise: x.id, runtime: camera.runtime, model: DEFAULT_MODEL }));
      // Each live step brings the live view back into view (the person may have scrolled meanwhile).
      live.on();
      live.show(t('screening.recording'));
      speech.say(t('screening.recording'));
      stopRec.hidden = false;
      // The timer counts the recording's seconds on the clock (frames may come slowly).
      const began = performance.now();
      live.time(0, x.seconds);
      clock = window.setInterval(() => live.time(Math.min(x.seconds, (performance.now() - began) / 1000), x.seconds), 1000);
      autoStop = window.setTimeout(() => void finish(), x.seconds * 1000);
    });
  };

  cameraButton(
    startCam,
    status,
    async () => {
      result.replaceChildren();
      replayStop?.();
      guide.hidden = false;
      check.el.hidden = false;
      stage.el.hidden = false;
      check.restart();
      await camera.start((f) => {
        framing.update(f.t, f.estimate.image);
        const lm = f.estimate.image;
        const { ready, missing } = check.update(lm);
        if (recorder) {
          recorder.addLive(f.t, lm, f.estimate.world);
          stage.el.dataset.recorded = String(recorder.frames.length);
        } else if (!record.hidden) {
          if (ready && record.disabled) {
            live.show(t('screening.seeAll'));
            speech.say(t('screening.seeAllSpoken'));
          } else if (!ready) {
            live.show(missing.length ? t('screening.moveSoISee', { parts: missing.map((p) => p.toLowerCase()).join(', ') }) : t('screening.holdStill'));
          }
          record.disabled = !ready;
        }
      }, (err) => (status.textContent = t('live.poseStopped', { error: errorText(err) })));
      framing.start(await loadEngine(), camera.size.width, camera.size.height);
      record.hidden = false;
      live.on();
      live.show(t('screening.getIntoStart'));
    },
    shutdown,
  );
  // A recorded video file instead of the live camera: read on this device; only its landmarks are uploaded.
  const videoBox = videoFile({
    stage,
    status,
    what: () => ({ view: view(), exercise: test().id }),
    busy: async (on) => {
      startCam.disabled = on;
      if (!on) return;
      result.replaceChildren();
      await shutdown();
    },
    done: send,
  });

  record.addEventListener('click', startRecording);
  stopRec.addEventListener('click', () => void finish());
  live.add(record, stopRec);
  live.addNote(framing.el);

  ctx.root.append(
    h('h1', { tabindex: '-1' }, title),
    h('p', {}, t('screening.intro')),
    h('div', { class: 'fields' }, field(t('screening.whichTest'), testSel), sideField, field(t('screening.countdownField'), countdownSel)),
    guide,
    h('div', { class: 'actions' }, startCam, speech.toggle),
    videoBox,
    live.el,
    check.el,
    status,
    result,
  );
  return () => {
    release?.();
    replayStop?.();
    speech.stop();
    void shutdown();
  };
}
