// @vitest-environment happy-dom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SessionLive, type HoldTrack } from './session-live';
import { sessionDose } from './session-dose';
import { FakeCamera, FakeCues, planItem, stageless } from './session-testing';

beforeAll(stageless);

const item = planItem(2, false);
const dose = sessionDose(item, undefined, undefined); // 8 s holds, 6 of them

function setup() {
  const camera = new FakeCamera();
  const status = document.createElement('p');
  const say = vi.fn();
  const made: { exercise: string; targetS: number; aspect: number; cues: FakeCues }[] = [];
  const live = new SessionLive({
    status,
    say,
    toggle: document.createElement('button'),
    camera: () => camera,
    cues: (exercise, targetS, aspect) => {
      const cues = new FakeCues(targetS);
      made.push({ exercise, targetS, aspect, cues });
      return cues;
    },
  });
  document.body.replaceChildren(live.view.el, status);
  const track = { now: vi.fn(() => 42), held: vi.fn(), reached: vi.fn() } satisfies HoldTrack;
  return { live, camera, status, say, made, track };
}

const cue = (live: SessionLive) => live.view.el.querySelector('[data-testid="cue"]')!.textContent;
const timer = (live: SessionLive) => live.view.el.querySelector<HTMLElement>('[data-testid="hold-timer"]')!.dataset.holdS;

describe('the holds of a session on the screen', () => {
  it('is hidden at first, with End this hold, Stop session and the mute toggle before Full screen', () => {
    const { live } = setup();
    expect(live.view.el.hidden).toBe(true);
    expect([...live.view.actions.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['End this hold', 'Stop session', '', 'Full screen']);
  });

  it('says in the status line that the camera starts, is on, and when the pose model stopped', async () => {
    const { live, camera, status } = setup();
    const started = live.startCamera();
    expect(status.textContent).toBe('Starting the camera and the pose model…');
    await started;
    expect(status.textContent).toBe('Camera on. The picture stays on this device.');
    camera.onError!(new Error('out of memory'));
    expect(status.textContent).toBe('Pose estimation stopped: out of memory');
  });

  it('announces a hold: which of how many, get into position, the timer at zero, filling the screen', () => {
    const { live } = setup();
    live.announce(item, dose, 2);
    expect(live.view.line.textContent).toBe('Bird dog: hold 2 of 6');
    expect(cue(live)).toBe('Get into position.');
    expect(timer(live)).toBe('0.00');
    expect(live.view.isOn).toBe(true);
    expect(live.view.el.hidden).toBe(false);
  });

  it('opens the camera for a hold and gives each frame to it: the cue said, the seconds held, the target reached', async () => {
    const { live, camera, say, made, track } = setup();
    expect(await live.begin(item, dose, 1, track)).toBe(true);
    expect(camera.calls).toEqual(['start']);
    expect(made.map(({ exercise, targetS, aspect }) => ({ exercise, targetS, aspect }))).toEqual([{ exercise: 'bird-dog', targetS: 8, aspect: 640 / 480 }]);
    expect(live.view.note.textContent).toBe('counts time in view');
    expect(live.holding).toBe(true);
    camera.frame(0);
    expect(say).toHaveBeenCalledWith('hold it');
    expect(cue(live)).toBe('holding');
    expect(track.held).toHaveBeenLastCalledWith(0.5);
    camera.frame(0.1, false);
    expect(live.view.el.querySelector<HTMLElement>('[data-testid="cue"]')!.dataset.state).toBe('out_of_view');
    for (let i = 2; i <= 16; i++) camera.frame(i / 10);
    expect(timer(live)).toBe('8.00');
    expect(track.reached).toHaveBeenCalledOnce();
  });

  it('records the hold’s landmarks with its number, once, and samples no angle the source does not give', async () => {
    const { live, camera, track } = setup();
    await live.begin(item, dose, 3, track);
    camera.frame(5);
    camera.frame(5.1, false);
    const rec = live.takeRecording()!;
    expect(rec.header.exercise).toBe('bird-dog');
    expect(rec.header.session_set).toBe(3);
    expect(rec.frames.map((f) => f.t)).toEqual([0, 0.1]);
    expect(rec.detected).toBe(1);
    expect(live.takeRecording()).toBeUndefined();
    expect(live.takeAngles()).toEqual([]);
  });

  it('gives no frame to a hold once it ended; rests with the camera off and the view away', async () => {
    const { live, camera, status, track } = setup();
    await live.begin(item, dose, 1, track);
    live.view.on();
    expect(live.end()).toBe(true);
    expect(live.end()).toBe(false);
    camera.frame(1);
    expect(track.held).not.toHaveBeenCalled();
    live.rest();
    expect(camera.calls).toEqual(['start', 'pause']);
    expect(status.textContent).toBe('Camera off until your next hold.');
    expect(live.view.isOn).toBe(false);
    expect(live.view.el.hidden).toBe(true);
  });

  it('reuses the open camera and the cue source for the next hold, reset', async () => {
    const { live, camera, made, track } = setup();
    await live.begin(item, dose, 1, track);
    camera.frame(0);
    await live.begin(item, dose, 2, track);
    expect(camera.calls).toEqual(['start']);
    expect(made).toHaveLength(1);
    expect(made[0]!.cues.held).toBe(0);
  });

  it('says when the camera could not start for a hold, and starts none', async () => {
    const { live, camera, status, track } = setup();
    camera.fail = new Error('no camera here');
    expect(await live.begin(item, dose, 1, track)).toBe(false);
    expect(status.textContent).toBe('Could not start: no camera here');
    expect(live.holding).toBe(false);
  });

  it('closes the camera and frees the cue source; no frame reaches the hold after', async () => {
    const { live, camera, made, track } = setup();
    await live.begin(item, dose, 1, track);
    await live.close();
    expect(camera.calls).toEqual(['start', 'stop']);
    expect(made[0]!.cues.freed).toBe(true);
    expect(live.holding).toBe(false);
  });
});
