// A screening from a video file instead of the live camera ("Or use a
// video you recorded"): the file is read on this device frame by frame
// (pose/video.ts) into the live view's stage, the skeleton drawn as it goes,
// and only its landmarks, as a recording, are handed on.
import { field, h, uid } from '../dom';
import { t } from '../i18n';
import { DEFAULT_MODEL, Estimator } from '../pose/mediapipe';
import type { Stage } from '../pose/stage';
import { extractVideo, loadVideo } from '../pose/video';
import type { View } from '../recording';
import { errorText } from '../pages/common';

export interface VideoFileOptions {
  /** Where the video plays while it is read. */
  stage: Stage;
  /** The page's status line. */
  status: HTMLElement;
  /** The recording's view and exercise, asked when the reading starts. */
  what: () => { view: View; exercise: string };
  /** busy is told when reading starts (true) and ends (false): the page stops its camera and holds its other buttons. */
  busy: (on: boolean) => Promise<void> | void;
  /** done gets the recording's text once the file is read; its failure is said like a reading failure. */
  done: (text: string) => Promise<void>;
}

/** videoFile returns the folded "Or use a video you recorded" box. */
export function videoFile(o: VideoFileOptions): HTMLElement {
  const file = h('input', { type: 'file', accept: 'video/*', name: 'video', id: uid('video') });
  const analyze = h('button', { type: 'button', disabled: true }, t('screening.analyze'));
  const progress = h('progress', { max: '1', value: '0', 'aria-label': t('screening.framesDone'), hidden: true });
  const { stage, status } = o;
  file.addEventListener('change', () => (analyze.disabled = !file.files?.length));
  analyze.addEventListener('click', async () => {
    const f = file.files?.[0];
    if (!f) return;
    analyze.disabled = true;
    const url = URL.createObjectURL(f);
    let est: Estimator | undefined;
    try {
      await o.busy(true);
      status.textContent = t('screening.readingVideo');
      await loadVideo(stage.video, url);
      stage.fit();
      est = await Estimator.create({ model: DEFAULT_MODEL });
      progress.hidden = false;
      const res = await extractVideo(stage.video, est, {
        ...o.what(),
        onProgress: (done, total, e) => {
          stage.draw(e.image);
          progress.max = total;
          progress.value = done;
          status.textContent = t('screening.frameOf', { done, total });
        },
      });
      status.textContent = t('screening.videoFound', { found: res.detected, frames: res.frames });
      await o.done(res.recorder.text());
    } catch (err) {
      status.textContent = t('screening.videoFailed', { error: errorText(err) });
    } finally {
      progress.hidden = true;
      await est?.close();
      stage.video.removeAttribute('src');
      stage.video.load();
      URL.revokeObjectURL(url);
      analyze.disabled = false;
      await o.busy(false);
    }
  });
  return h(
    'details',
    { class: 'video-file' },
    h('summary', {}, t('screening.videoSummary')),
    h('p', {}, t('screening.videoHow')),
    h('div', { class: 'fields' }, field(t('screening.videoField'), file)),
    h('div', { class: 'actions' }, analyze),
    progress,
  );
}
