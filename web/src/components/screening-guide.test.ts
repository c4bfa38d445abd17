// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

// The animation is drawn by the engine in a browser (demo.e2e checks it);
// here it is stood in for, to check which one the guide asks for and stops.
const demos = vi.hoisted(() => ({ calls: [] as { exercise: string; view: string; caption?: string; stop: ReturnType<typeof vi.fn> }[] }));
vi.mock('../demo/player', () => ({
  demonstration: (exercise: string, view: string, caption?: string) => {
    const stop = vi.fn();
    demos.calls.push({ exercise, view, stop, ...(caption ? { caption } : {}) });
    const el = document.createElement('div');
    el.className = 'demo-slot';
    return { el, stop, ready: Promise.resolve() };
  },
}));

import { ScreeningGuide } from './screening-guide';
import type { Test } from './screening-choice';

const birdDog: Test = { id: 'bird-dog', name: 'Bird dog', plain: 'the bird dog', posture: 'quadruped', views: ['rear'], verdicts: [], steps: ['Kneel on all fours.', 'Reach one arm forward.'], seconds: 30, placement: 'rear', parts: [] };
const thomas: Test = { id: 'thomas-test', name: 'Hip test', plain: 'the hip test', posture: 'supine', views: ['left', 'right'], verdicts: [], steps: ['Lie back.'], seconds: 20, placement: 'side', parts: [] };

describe('the screening’s guide to a test', () => {
  it('shows where to put the phone, the test’s animation from the camera’s view, and its steps', () => {
    const guide = new ScreeningGuide();
    guide.show(birdDog, 'left', 'rear');
    expect([...guide.el.querySelectorAll('h2')].map((e) => e.textContent)).toEqual(['Where to put the phone', 'What to do']);
    expect(guide.el.querySelector('figcaption')!.textContent).toBe('Seen from above: the phone on the floor straight behind you, in line with your spine, 2 to 3 metres away, at hip height.');
    expect([...guide.el.querySelectorAll('ol li')].map((e) => e.textContent)).toEqual(['Kneel on all fours.', 'Reach one arm forward.']);
    expect(guide.el.querySelector('.demo-slot')).not.toBeNull();
    expect(demos.calls.at(-1)).toMatchObject({ exercise: 'bird-dog', view: 'rear', caption: 'This is what the camera should see' });
  });

  it('puts the phone on the side facing it, and stops the animation it replaces', () => {
    const guide = new ScreeningGuide();
    guide.show(thomas, 'left', 'left');
    const first = demos.calls.at(-1)!;
    expect(guide.el.querySelector('figcaption')!.textContent).toMatch(/your left side/);
    guide.show(thomas, 'right', 'right');
    expect(first.stop).toHaveBeenCalledOnce();
    expect(demos.calls.at(-1)).toMatchObject({ exercise: 'thomas-test', view: 'right' });
    expect(guide.el.querySelector('figcaption')!.textContent).toMatch(/your right side/);
    expect(guide.el.querySelectorAll('figure')).toHaveLength(1);
    guide.stop();
    expect(demos.calls.at(-1)!.stop).toHaveBeenCalledOnce();
  });
});
