// Screening with the camera: pick a test, place the phone as the picture
// shows, a live check that the body parts the test needs are in view, a
// countdown, the recording (landmarks only), the upload, and the server's
// report in plain words with a skeleton replay.
import { FramingGuide } from '../components/framing';
import { FrameRateNote } from '../components/framerate';
import { field, h, select, uid } from '../dom';
import type { Report } from '../api';
import { api } from '../api';
import { loadEngine, type LiveFilter } from '../engine';
import { closeCamera, openCamera, runLive } from '../pose/camera';
import { DEFAULT_MODEL, Estimator } from '../pose/mediapipe';
import { Stage } from '../pose/stage';
import { extractVideo, loadVideo } from '../pose/video';
import { makeFrame, makeHeader, Recorder, type PoseLandmark, type View } from '../recording';
import type { Cleanup, RouteContext } from '../router';
import { requireUser } from '../components/auth';
import { safetyStops } from '../components/safety';
import { placementPicture, type Placement } from '../components/placement';
import { screenings, type ScreeningTest } from '../components/core';
import { demonstration } from '../demo/player';
import { skeletonReplay } from '../components/replay';
import { Speech } from '../components/speech';
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
    placement: t.views.some((v) => v.startsWith('rear-')) ? 'rear-oblique' : 'side',
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
  const me = await requireUser(ctx, 'Screening', 'patient');
  if (!me) return;
  if (await safetyStops(ctx, 'Screening', 'Camera tests')) return;
  const tests = (await screenings()).map(pageTest);
  const gate = (await loadEngine()).visibilityGate;
  const speech = new Speech();
  const testSel = select('test', tests.map((t) => [t.id, t.name] as const), ctx.params.get('test') ?? 'bird-dog');
  const sideSel = select('side', [['left', 'My left side'], ['right', 'My right side']], 'left');
  const savedCountdown = localStorage.getItem(COUNTDOWN_KEY) ?? '';
  const countdownSel = select(
    'countdown',
    COUNTDOWN_CHOICES.map((v) => [v, `${v} seconds`] as const),
    COUNTDOWN_CHOICES.includes(savedCountdown) ? savedCountdown : COUNTDOWN_DEFAULT,
  );
  countdownSel.addEventListener('change', () => localStorage.setItem(COUNTDOWN_KEY, countdownSel.value));
  const fullscreen = h('button', { type: 'button' }, 'Full screen');
  const rate = new FrameRateNote();
  const framing = new FramingGuide(() => placementPicture(test().placement, test().posture, sideSel.value as 'left' | 'right'));
  const guide = h('div', { class: 'guide' });
  const checklist = h('ul', { class: 'checklist', 'aria-label': 'Body parts in view' });
  const cue = h('p', { class: 'big-cue', 'aria-live': 'assertive', 'data-testid': 'screen-cue' }, 'Place the phone, then start the camera.');
  const status = statusLine();
  const stage = new Stage('Your skeleton, live');
  const startCam = h('button', { type: 'button', class: 'primary' }, 'Start camera');
  const record = h('button', { type: 'button', class: 'primary', disabled: true, hidden: true }, 'Start recording');
  const stopRec = h('button', { type: 'button', hidden: true }, 'Stop recording');
  const result = h('div', { class: 'result' });
  let stream: MediaStream | undefined;
  let loop: AbortController | undefined;
  let est: Estimator | undefined;
  let smooth: LiveFilter | undefined;
  let recorder: Recorder | undefined;
  let recStart = Number.NaN;
  let readyRun = 0;
  let autoStop: number | undefined;
  let countdown: number | undefined;
  let replayStop: (() => void) | undefined;

  const test = () => tests.find((t) => t.id === testSel.value) ?? tests[0]!;
  const view = (): View => {
    const t = test();
    const side = sideSel.value as 'left' | 'right';
    return t.placement === 'rear-oblique' ? (`rear-${side}` as View) : side;
  };
  let demoStop: (() => void) | undefined;
  const showGuide = () => {
    const t = test();
    demoStop?.();
    // The engine's animation of the test from this camera view (issue 8).
    const demo = demonstration(t.id, view(), 'This is what the camera should see');
    demoStop = demo.stop;
    guide.replaceChildren(
      h('h2', {}, 'Where to put the phone'),
      placementPicture(t.placement, t.posture, sideSel.value as 'left' | 'right'),
      demo.el,
      h('h2', {}, 'What to do'),
      h('ol', {}, ...t.steps.map((s) => h('li', {}, s))),
    );
    checklist.replaceChildren(...t.parts.map(([name]) => h('li', { 'data-seen': 'false' }, `${name}: not yet in view`)));
  };
  testSel.addEventListener('change', showGuide);
  sideSel.addEventListener('change', showGuide);
  showGuide();

  const shutdown = async () => {
    window.clearTimeout(autoStop);
    window.clearInterval(countdown);
    loop?.abort();
    loop = undefined;
    closeCamera(stage.video, stream);
    stream = undefined;
    smooth?.free();
    smooth = undefined;
    framing.stop();
    const e = est;
    est = undefined;
    await e?.close();
  };

  const finish = async () => {
    if (!recorder) return;
    window.clearTimeout(autoStop);
    const rec = recorder;
    recorder = undefined;
    stopRec.hidden = true;
    await shutdown();
    const text = rec.text();
    cue.textContent = 'Done. Checking the recording…';
    speech.say('Done. You can relax.');
    status.textContent = `Recorded ${rec.frames.length} frames (landmarks only); a person was found in ${rec.detected}. Sending the landmarks…`;
    try {
      const stored = await api.uploadRecording(text, 'screening');
      status.textContent = 'Saved. This is the server’s result, from the same analysis this page runs.';
      cue.textContent = 'Here is your result.';
      showResult(stored.report, text);
    } catch (err) {
      status.textContent = `The recording could not be saved: ${errorText(err)}`;
      status.classList.add('error');
      startCam.hidden = false;
    }
  };

  const showResult = (report: Report, text: string) => {
    const replay = skeletonReplay(text, 'Replay of your recorded skeleton');
    replayStop = replay.stop;
    const plan = h('button', { type: 'button', class: 'primary' }, 'Make my plan');
    plan.addEventListener('click', () => ctx.navigate('/plan?new=1'));
    const again = h('button', { type: 'button' }, 'Do another test');
    again.addEventListener('click', () => ctx.navigate(`/screening?test=${testSel.value}`));
    const why =
      report.verdict === 'inconclusive'
        ? h('p', { class: 'lead' }, 'That is an honest answer, not a failure: the measurement could not be trusted from this recording. The reasons are below. The plan will treat this test as not done and stay on the careful side.')
        : null;
    // The camera is off: the result takes the place of the guide and the live view.
    guide.hidden = true;
    checklist.hidden = true;
    stage.el.hidden = true;
    live.classList.remove('on');
    result.replaceChildren(renderReport(report), ...(why ? [why] : []), replay.el, h('div', { class: 'actions' }, plan, again));
    result.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
    result.querySelector<HTMLElement>('h2')?.focus();
  };

  const startRecording = () => {
    const t = test();
    record.hidden = true;
    let left = Number(countdownSel.value) || Number(COUNTDOWN_DEFAULT);
    cue.textContent = `Get into position: ${left}`;
    speech.say(`Get into position. Recording in ${left} seconds.`);
    live.scrollIntoView({ block: 'start' });
    countdown = window.setInterval(() => {
      left--;
      if (left > 0) {
        cue.textContent = `Get into position: ${left}`;
        if (left <= 3) speech.say(String(left));
        return;
      }
      window.clearInterval(countdown);
      recorder = new Recorder(
        makeHeader({
          width: stage.video.videoWidth,
          height: stage.video.videoHeight,
          view: view(),
          exercise: t.id,
          runtime: est?.runtime ?? 'unknown',
          model: DEFAULT_MODEL,
        }),
      );
      recStart = Number.NaN;
      cue.textContent = 'Recording. Go slowly.';
      speech.say('Recording. Go slowly.');
      stopRec.hidden = false;
      autoStop = window.setTimeout(() => void finish(), t.seconds * 1000);
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
      status.textContent = 'Starting the camera and the pose model…';
      stream = await openCamera(stage.video);
      stage.fit();
      est = await Estimator.create({ model: DEFAULT_MODEL });
      smooth = (await loadEngine()).liveFilter(stage.video.videoWidth / Math.max(1, stage.video.videoHeight));
      framing.start(await loadEngine(), stage.video.videoWidth, stage.video.videoHeight);
      startCam.hidden = true;
      record.hidden = false;
      live.classList.add('on');
      live.scrollIntoView({ block: 'start' });
      status.textContent = 'Camera on. The picture stays on this device.';
      cue.textContent = 'Get into the starting position so I can see you.';
      loop = new AbortController();
      const signal = loop.signal;
      readyRun = 0;
      void runLive(stage.video, est, signal, (f) => {
        rate.update(f.fps);
        framing.update(f.t, f.estimate.image);
        stage.fit();
        const lm = f.estimate.image;
        if (lm && smooth) stage.draw(smooth.apply(f.t, lm));
        else {
          smooth?.reset();
          stage.draw(null);
        }
        const t = test();
        const seen = partsSeen(lm, t.parts, gate);
        seen.forEach((ok, i) => {
          const li = checklist.children[i] as HTMLElement | undefined;
          if (!li) return;
          li.dataset.seen = String(ok);
          li.textContent = `${t.parts[i]![0]}: ${ok ? 'in view ✓' : 'not in view'}`;
        });
        readyRun = seen.every(Boolean) ? readyRun + 1 : 0;
        if (recorder) {
          if (Number.isNaN(recStart)) recStart = f.t;
          recorder.add(makeFrame(f.t - recStart, lm, f.estimate.world));
          stage.el.dataset.recorded = String(recorder.frames.length);
        } else if (!record.hidden) {
          const ready = readyRun >= READY_FRAMES;
          if (ready && record.disabled) {
            cue.textContent = 'I can see everything I need.';
            speech.say('I can see you. Start the recording when you are ready.');
          } else if (!ready) {
            const missing = t.parts.filter((_, i) => !seen[i]).map((p) => p[0].toLowerCase());
            cue.textContent = missing.length ? `Move so I can see your ${missing.join(', ')}.` : 'Hold still a moment…';
          }
          record.disabled = !ready;
        }
      }).catch((err: unknown) => {
        if (!signal.aborted) status.textContent = `Pose estimation stopped: ${errorText(err)}`;
      });
    } catch (err) {
      status.textContent = `Could not start: ${errorText(err)}`;
      await shutdown();
      startCam.hidden = false;
    } finally {
      startCam.disabled = false;
    }
  });
  // A recorded video file instead of the live camera: read on this device
  // frame by frame (pose/video.ts); only its landmarks are uploaded.
  const file = h('input', { type: 'file', accept: 'video/*', name: 'video', id: uid('video') });
  const analyze = h('button', { type: 'button', disabled: true }, 'Analyze the video');
  const progress = h('progress', { max: '1', value: '0', 'aria-label': 'Frames done', hidden: true });
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
      status.textContent = 'Reading the video on this device…';
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
          status.textContent = `Frame ${done} of ${total}`;
        },
      });
      const text = res.recorder.text();
      status.textContent = `A person was found in ${res.detected} of ${res.frames} frames. Sending the landmarks…`;
      const stored = await api.uploadRecording(text, 'screening');
      status.textContent = 'Saved. This is the server’s result, from the same analysis this page runs.';
      cue.textContent = 'Here is your result.';
      showResult(stored.report, text);
    } catch (err) {
      status.textContent = `The video could not be analyzed: ${errorText(err)}`;
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
    h('summary', {}, 'Or use a video you recorded'),
    h('p', {}, 'Film the test as the picture shows, then choose the file. It is read on this device; only the positions of your joints are sent.'),
    h('div', { class: 'fields' }, field('Video of the test', file)),
    h('div', { class: 'actions' }, analyze),
    progress,
  );

  record.addEventListener('click', startRecording);
  stopRec.addEventListener('click', () => void finish());
  // The live part: the one cue in large type, the buttons and the camera
  // together, filling the screen while the camera is on, so that a person
  // on the floor two metres away sees them (and full screen on request).
  const live = h('section', { class: 'live', 'aria-label': 'Camera and cues' }, cue, framing.el, rate.el, h('div', { class: 'actions' }, record, stopRec, fullscreen), stage.el, checklist, status);
  fullscreen.addEventListener('click', () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void live.requestFullscreen?.().catch(() => undefined);
  });

  ctx.root.append(
    h('h1', { tabindex: '-1' }, 'Screening'),
    h('p', {}, 'A short recorded test shows how your back and hips move. Only the positions of your joints are sent; the picture stays on this device.'),
    h(
      'div',
      { class: 'fields' },
      field('Which test', testSel),
      field('Which side of you faces the phone', sideSel),
      field('Time to get into position before the recording', countdownSel),
    ),
    guide,
    h('div', { class: 'actions' }, startCam, speech.toggle),
    videoBox,
    live,
    result,
  );
  return () => {
    replayStop?.();
    speech.stop();
    void shutdown();
  };
}
