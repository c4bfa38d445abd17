// Screening with the camera: pick a test, place the phone as the picture
// shows, a live check that the body parts the test needs are in view, a
// countdown, the recording (landmarks only), the upload, and the server's
// report in plain words with a skeleton replay. While the camera is on the
// live view (components/live) fills the screen, with the live framing
// guidance (components/framing); leaving the page during a countdown or a
// recording asks first.
import { screenings, type ScreeningTest } from '../components/core';
import { FramingGuide } from '../components/framing';
import { field, h, select, uid } from '../dom';
import type { Report } from '../api';
import { api } from '../api';
import { t } from '../i18n';
import { loadEngine } from '../engine';
import { DEFAULT_MODEL, Estimator } from '../pose/mediapipe';
import { extractVideo, loadVideo } from '../pose/video';
import { makeFrame, makeHeader, Recorder, type PoseLandmark, type View } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { safetyStops } from '../components/safety';
import { data } from '../components/data';
import { placementPicture, type Placement } from '../components/placement';
import { demonstration } from '../demo/player';
import { skeletonReplay } from '../components/replay';
import { Speech } from '../components/speech';
import { holdPage } from '../components/leave';
import { LiveView } from '../components/live';
import { LiveCamera } from '../components/live-camera';
import { errorText, statusLine } from './common';
import { renderReport } from './report';

/** A screening test as the page uses it: the library's (the engine serves it), with the camera placement its views imply. */
interface Test extends Omit<ScreeningTest, 'parts'> {
  placement: Placement;
  parts: ReadonlyArray<readonly [string, number, number]>;
}

function pageTest(t: ScreeningTest): Test {
  return {
    ...t,
    placement: t.views.includes('rear') ? 'rear' : 'side',
    parts: t.parts.map((p) => [p.name, p.landmarks[0], p.landmarks[1]] as const),
  };
}

/** Frames in a row with every part seen before recording may start: our choice, a steady view, not a lucky frame. */
const READY_FRAMES = 3;
/**
 * The countdown before a recording, seconds: long enough to walk back from the
 * screen and get down on the floor. The person can choose it; the choice is
 * kept on this device. Our choice of default, because people filmed at home
 * needed 6-9 s from the button to the starting position.
 */
const COUNTDOWN_CHOICES = ['5', '10', '15', '20', '30'];
const COUNTDOWN_DEFAULT = '10';
const COUNTDOWN_KEY = 'stretchwise.countdown';

/** partsSeen says for each part whether its left or right landmark is seen, at visibility gate or more (a side view hides the far side). */
export function partsSeen(lm: readonly PoseLandmark[] | null, parts: Test['parts'], gate: number): boolean[] {
  return parts.map(([, l, r]) => !!lm && Math.max(lm[l]?.visibility ?? 0, lm[r]?.visibility ?? 0) >= gate);
}

export async function renderScreening(ctx: RouteContext): Promise<Cleanup | void> {
  const me = await requireUser(ctx, t('route.screening.title'), 'patient');
  if (!me) return;
  if (await safetyStops(ctx, t('route.screening.title'), t('screening.whatStops'))) return;
  // The safety questions come before any movement: some answers mean the
  // tests should wait for a clinician.
  if ((await data.intakes()).length === 0) {
    ctx.root.append(
      h('h1', { tabindex: '-1' }, t('route.screening.title')),
      h('p', { 'data-testid': 'screening-needs-intake' }, t('screening.needIntake')),
      h('p', {}, h('a', { href: '/intake', class: 'button primary' }, t('plan.answer'))),
    );
    return;
  }
  const tests = (await screenings()).map(pageTest);
  const gate = (await loadEngine()).visibilityGate;
  const speech = new Speech();
  const testSel = select('test', tests.map((x) => [x.id, x.name] as const), ctx.params.get('test') ?? 'bird-dog');
  const sideSel = select('side', [['left', t('screening.sideLeft')], ['right', t('screening.sideRight')]], 'left');
  const savedCountdown = localStorage.getItem(COUNTDOWN_KEY) ?? '';
  const countdownSel = select(
    'countdown',
    COUNTDOWN_CHOICES.map((v) => [v, t('screening.seconds', { n: Number(v) })] as const),
    COUNTDOWN_CHOICES.includes(savedCountdown) ? savedCountdown : COUNTDOWN_DEFAULT,
  );
  countdownSel.addEventListener('change', () => localStorage.setItem(COUNTDOWN_KEY, countdownSel.value));
  const framing = new FramingGuide(() => placementPicture(test().placement, test().posture, sideSel.value as 'left' | 'right'));
  const guide = h('div', { class: 'guide' });
  const checklist = h('ul', { class: 'checklist', 'aria-label': t('screening.checklist') });
  // The live part: the one cue in large type, the timer, the camera and the
  // buttons, filling the screen while the camera is on (components/live).
  const live = new LiveView({ label: t('screening.liveLabel'), cueTestId: 'screen-cue', cue: t('screening.placeFirst'), timerLabel: t('screening.timerLabel'), timerTestId: 'screen-timer' });
  const { stage } = live;
  const camera = new LiveCamera(live);
  const status = statusLine();
  const startCam = h('button', { type: 'button', class: 'primary' }, t('screening.startCamera'));
  const record = h('button', { type: 'button', class: 'primary', disabled: true, hidden: true }, t('screening.startRecording'));
  const stopRec = h('button', { type: 'button', hidden: true }, t('screening.stopRecording'));
  const result = h('div', { class: 'result' });
  let est: Estimator | undefined;
  let recorder: Recorder | undefined;
  let recStart = Number.NaN;
  let readyRun = 0;
  let autoStop: number | undefined;
  let countdown: number | undefined;
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
    checklist.replaceChildren(...x.parts.map(([name]) => h('li', { 'data-seen': 'false' }, t('screening.partNotYet', { part: name }))));
  };
  testSel.addEventListener('change', showGuide);
  sideSel.addEventListener('change', showGuide);
  showGuide();

  const shutdown = async () => {
    window.clearTimeout(autoStop);
    window.clearInterval(countdown);
    framing.stop();
    await camera.stop();
  };

  const finish = async () => {
    if (!recorder) return;
    window.clearTimeout(autoStop);
    const rec = recorder;
    recorder = undefined;
    stopRec.hidden = true;
    await shutdown();
    live.off();
    const text = rec.text();
    live.show(t('screening.checking'));
    live.clear();
    speech.say(t('screening.relax'));
    status.textContent = t('screening.recorded', { frames: rec.frames.length, found: rec.detected });
    try {
      const stored = await api.uploadRecording(text, 'screening');
      status.textContent = t('screening.saved');
      live.show(t('screening.hereIsResult'));
      showResult(stored.report, text);
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
    const why =
      report.verdict === 'inconclusive'
        ? h('p', { class: 'lead' }, t('screening.inconclusive'))
        : null;
    // The camera is off: the result takes the place of the guide and the live view.
    guide.hidden = true;
    checklist.hidden = true;
    stage.el.hidden = true;
    live.off();
    result.replaceChildren(renderReport(report), ...(why ? [why] : []), replay.el, h('div', { class: 'actions' }, plan, again));
    result.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    result.querySelector<HTMLElement>('h2')?.focus();
  };

  const startRecording = () => {
    const x = test();
    record.hidden = true;
    let left = Number(countdownSel.value) || Number(COUNTDOWN_DEFAULT);
    release = holdPage(t('screening.leaveHold'));
    const counting = () => {
      live.show(t('screening.countdownCue', { left }));
      live.countdown(left);
    };
    counting();
    speech.say(t('screening.countdownSpoken', { left }));
    live.on();
    countdown = window.setInterval(() => {
      left--;
      if (left > 0) {
        counting();
        if (left <= 3) speech.say(String(left));
        return;
      }
      window.clearInterval(countdown);
      recorder = new Recorder(makeHeader({ ...camera.size, view: view(), exercise: x.id, runtime: camera.runtime, model: DEFAULT_MODEL }));
      recStart = Number.NaN;
      // Each live step brings the live view back into view (the person may have scrolled meanwhile).
      live.on();
      live.show(t('screening.recording'));
      speech.say(t('screening.recording'));
      stopRec.hidden = false;
      // The timer counts the recording's seconds on the clock (frames may come slowly).
      const began = performance.now();
      live.time(0, x.seconds);
      countdown = window.setInterval(() => live.time(Math.min(x.seconds, (performance.now() - began) / 1000), x.seconds), 1000);
      autoStop = window.setTimeout(() => void finish(), x.seconds * 1000);
    }, 1000);
  };

  startCam.addEventListener('click', async () => {
    startCam.disabled = true;
    result.replaceChildren();
    replayStop?.();
    guide.hidden = false;
    checklist.hidden = false;
    stage.el.hidden = false;
    try {
      status.textContent = t('live.starting');
      readyRun = 0;
      await camera.start((f) => {
        framing.update(f.t, f.estimate.image);
        const lm = f.estimate.image;
        const x = test();
        const seen = partsSeen(lm, x.parts, gate);
        seen.forEach((ok, i) => {
          const li = checklist.children[i] as HTMLElement | undefined;
          if (!li) return;
          li.dataset.seen = String(ok);
          li.textContent = t(ok ? 'screening.partSeen' : 'screening.partNotSeen', { part: x.parts[i]![0] });
        });
        readyRun = seen.every(Boolean) ? readyRun + 1 : 0;
        if (recorder) {
          if (Number.isNaN(recStart)) recStart = f.t;
          recorder.add(makeFrame(f.t - recStart, lm, f.estimate.world));
          stage.el.dataset.recorded = String(recorder.frames.length);
        } else if (!record.hidden) {
          const ready = readyRun >= READY_FRAMES;
          if (ready && record.disabled) {
            live.show(t('screening.seeAll'));
            speech.say(t('screening.seeAllSpoken'));
          } else if (!ready) {
            const missing = x.parts.filter((_, i) => !seen[i]).map((p) => p[0].toLowerCase());
            live.show(missing.length ? t('screening.moveSoISee', { parts: missing.join(', ') }) : t('screening.holdStill'));
          }
          record.disabled = !ready;
        }
      }, (err) => (status.textContent = t('live.poseStopped', { error: errorText(err) })));
      framing.start(await loadEngine(), camera.size.width, camera.size.height);
      startCam.hidden = true;
      record.hidden = false;
      live.on();
      status.textContent = t('live.cameraOn');
      live.show(t('screening.getIntoStart'));
    } catch (err) {
      status.textContent = t('live.couldNotStart', { error: errorText(err) });
      await shutdown();
      startCam.hidden = false;
    } finally {
      startCam.disabled = false;
    }
  });
  // A recorded video file instead of the live camera: read on this device
  // frame by frame (pose/video.ts); only its landmarks are uploaded.
  const file = h('input', { type: 'file', accept: 'video/*', name: 'video', id: uid('video') });
  const analyze = h('button', { type: 'button', disabled: true }, t('screening.analyze'));
  const progress = h('progress', { max: '1', value: '0', 'aria-label': t('screening.framesDone'), hidden: true });
  file.addEventListener('change', () => (analyze.disabled = !file.files?.length));
  analyze.addEventListener('click', async () => {
    const f = file.files?.[0];
    if (!f) return;
    analyze.disabled = true;
    startCam.disabled = true;
    result.replaceChildren();
    const url = URL.createObjectURL(f);
    try {
      await shutdown();
      status.textContent = t('screening.readingVideo');
      await loadVideo(stage.video, url);
      stage.fit();
      est = await Estimator.create({ model: DEFAULT_MODEL });
      progress.hidden = false;
      const res = await extractVideo(stage.video, est, {
        view: view(),
        exercise: test().id,
        onProgress: (done, total, e) => {
          stage.draw(e.image);
          progress.max = total;
          progress.value = done;
          status.textContent = t('screening.frameOf', { done, total });
        },
      });
      const text = res.recorder.text();
      status.textContent = t('screening.videoFound', { found: res.detected, frames: res.frames });
      const stored = await api.uploadRecording(text, 'screening');
      status.textContent = t('screening.saved');
      live.show(t('screening.hereIsResult'));
      showResult(stored.report, text);
    } catch (err) {
      status.textContent = t('screening.videoFailed', { error: errorText(err) });
    } finally {
      progress.hidden = true;
      await est?.close();
      est = undefined;
      stage.video.removeAttribute('src');
      stage.video.load();
      URL.revokeObjectURL(url);
      analyze.disabled = false;
      startCam.disabled = false;
    }
  });
  const videoBox = h(
    'details',
    { class: 'video-file' },
    h('summary', {}, t('screening.videoSummary')),
    h('p', {}, t('screening.videoHow')),
    h('div', { class: 'fields' }, field(t('screening.videoField'), file)),
    h('div', { class: 'actions' }, analyze),
    progress,
  );

  record.addEventListener('click', startRecording);
  stopRec.addEventListener('click', () => void finish());
  live.add(record, stopRec);
  live.addNote(framing.el);

  ctx.root.append(
    h('h1', { tabindex: '-1' }, t('route.screening.title')),
    h('p', {}, t('screening.intro')),
    h(
      'div',
      { class: 'fields' },
      field(t('screening.whichTest'), testSel),
      field(t('screening.whichSide'), sideSel),
      field(t('screening.countdownField'), countdownSel),
    ),
    guide,
    h('div', { class: 'actions' }, startCam, speech.toggle),
    videoBox,
    live.el,
    checklist,
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
