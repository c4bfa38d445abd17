// Demonstrations: for every exercise of the library and every screening
// test, the page draws the engine's animation of the synthetic body; the
// drawing changes over time (it animates), stays inside the picture, and
// the common faults show next to the good form, labelled. Screenshots of
// each go to web/artifacts/demo-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientWithIntake, signIn } from './flow-api';
import { launch, shot, startServer, stopAll, unlabelled, type Server, type Session } from './harness';

/** What the canvas shows: a hash of its pixels and the box of the drawn (non-background) pixels. */
interface Sample {
  hash: number;
  drawn: number;
  box: [number, number, number, number];
  width: number;
  height: number;
  frame: number;
}

async function sample(s: Session, selector: string): Promise<Sample> {
  return s.page.locator(selector).first().evaluate((c) => {
    const cv = c as HTMLCanvasElement;
    const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
    // The background is the flat #23211e the player fills.
    let hash = 0;
    let drawn = 0;
    let x0 = cv.width, y0 = cv.height, x1 = -1, y1 = -1;
    for (let i = 0; i < d.length; i += 4) {
      const bg = Math.abs(d[i]! - 0x23) + Math.abs(d[i + 1]! - 0x21) + Math.abs(d[i + 2]! - 0x1e) < 12;
      hash = (hash * 31 + d[i]! + 7 * d[i + 1]! + 13 * d[i + 2]!) | 0;
      if (bg) continue;
      drawn++;
      const p = i / 4;
      const x = p % cv.width;
      const y = Math.floor(p / cv.width);
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    return { hash, drawn, box: [x0, y0, x1, y1] as [number, number, number, number], width: cv.width, height: cv.height, frame: Number(cv.dataset.frame) };
  });
}

/**
 * wholeLoop watches the canvas draw its frames (the player sets data-frame
 * after drawing each one) and returns a hash of the picture for every frame
 * of one whole loop: frames advance one at a time, so the first frame seen
 * twice closes the loop.
 */
async function wholeLoop(s: Session, selector: string): Promise<Record<number, number>> {
  return s.page.locator(selector).first().evaluate(
    (c) =>
      new Promise<Record<number, number>>((resolve, reject) => {
        const cv = c as HTMLCanvasElement;
        const ctx = cv.getContext('2d')!;
        const seen: Record<number, number> = {};
        const hash = () => {
          const d = ctx.getImageData(0, 0, cv.width, cv.height).data;
          let h = 0;
          for (let i = 0; i < d.length; i += 4) h = (h * 31 + d[i]! + 7 * d[i + 1]! + 13 * d[i + 2]!) | 0;
          return h;
        };
        const timer = window.setTimeout(() => {
          obs.disconnect();
          reject(new Error(`no whole loop within 40 s: ${Object.keys(seen).length} frames seen`));
        }, 40_000);
        const obs = new MutationObserver(() => {
          const k = Number(cv.dataset.frame);
          if (k in seen) {
            obs.disconnect();
            window.clearTimeout(timer);
            resolve(seen);
            return;
          }
          seen[k] = hash();
        });
        obs.observe(cv, { attributes: true, attributeFilter: ['data-frame'] });
      }),
  );
}

describe('exercise demonstrations', () => {
  let server: Server;
  let s: Session;

  beforeAll(async () => {
    server = await startServer();
    s = await launch({ viewport: { width: 1100, height: 900 } });
  });

  afterAll(() => stopAll(s, server));

  it('draws a moving, in-frame demonstration of every library exercise and screening test, and its faults', async () => {
    const { page } = s;
    await page.goto(server.url + '/demos');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Exercise demonstrations');
    const exercise = page.getByLabel('Exercise');
    await exercise.waitFor();
    const ids = await exercise.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    // The nine library exercises and the Thomas test.
    expect(ids).toEqual(expect.arrayContaining(['bird-dog', 'thomas-test', 'half-kneeling-hip-flexor', 'supine-lumbar-rotation', 'supine-knee-to-chest', 'figure-4-glute', 'dead-bug', 'glute-bridge', 'side-plank-knees', 'cat-camel']));
    expect(await unlabelled(page)).toEqual([]);

    for (const id of ids) {
      await exercise.selectOption(id);
      const canvas = `canvas[data-testid="demo-canvas"][data-exercise="${id}"][data-variant="good"]`;
      await page.locator(canvas).waitFor();
      await page.locator(canvas).scrollIntoViewIfNeeded();
      const a = await sample(s, canvas);
      await page.waitForTimeout(900);
      const b = await sample(s, canvas);
      // It animates: the frame counter moved and the picture changed.
      expect(b.frame, `${id}: frame`).not.toBe(a.frame);
      // Across a whole loop the drawing changes; sample a few moments.
      const hashes = new Set([a.hash, b.hash]);
      for (let i = 0; i < 4; i++) {
        await page.waitForTimeout(700);
        hashes.add((await sample(s, canvas)).hash);
      }
      expect(hashes.size, `${id}: distinct pictures`).toBeGreaterThanOrEqual(3);
      // A skeleton is drawn and stays inside the picture, clear of the edges.
      for (const x of [a, b]) {
        expect(x.drawn, `${id}: drawn pixels`).toBeGreaterThan(400);
        expect(x.box[0], `${id}: left`).toBeGreaterThan(2);
        expect(x.box[1], `${id}: top`).toBeGreaterThan(2);
        expect(x.box[2], `${id}: right`).toBeLessThan(x.width - 3);
        expect(x.box[3], `${id}: bottom`).toBeLessThan(x.height - 3);
      }
      // And the canvas itself is on screen.
      const r = await page.locator(canvas).boundingBox();
      const vp = page.viewportSize()!;
      expect(r && r.x >= 0 && r.y >= 0 && r.x + r.width <= vp.width && r.y + r.height <= vp.height, `${id}: canvas on screen`).toBe(true);
      await shot(page, `demo-${id}`);

      // The common faults, side by side with the good form, labelled.
      await page.getByRole('button', { name: 'Show common faults' }).click();
      const figures = page.getByTestId('demo-grid').locator('figure');
      await expect.poll(() => figures.count()).toBeGreaterThanOrEqual(3);
      const captions = await figures.locator('figcaption strong').allTextContents();
      expect(captions[0]).toBe('Good form');
      expect(captions.slice(1).every((c) => c.startsWith('Fault: '))).toBe(true);
      await page.waitForTimeout(1500);
      await shot(page, `demo-${id}-faults`);
      await page.getByRole('button', { name: 'Hide common faults' }).click();
      await expect.poll(() => figures.count()).toBe(1);
    }
    expect(s.consoleErrors).toEqual([]);
  }, 240_000);

  it('shows the same animation in the screening page’s camera-placement guidance, from straight behind for the bird dog and from the chosen side for a side view', async () => {
    const { page } = s;
    const p = await patientWithIntake(server.url, `guide-${Date.now()}@example.org`);
    await signIn(page, server.url, p, '/screening');
    await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor({ timeout: 20_000 });
    const loops: Record<string, Record<number, number>> = {};
    for (const [test, side, view, seen, where] of [
      // The bird dog is filmed straight behind, whichever side is chosen: the view its analysis measures best.
      ['bird-dog', 'left', 'rear', 'from behind', 'straight behind you'],
      ['thomas-test', 'left', 'left', 'from your left side', 'your left'],
      ['thomas-test', 'right', 'right', 'from your right side', 'your right'],
    ] as const) {
      await page.getByLabel('Which test').selectOption(test);
      // The side facing the phone is asked only for a test filmed side on.
      const sideSel = page.getByLabel('Which side of you faces the phone');
      if (view === 'rear') expect(await sideSel.isVisible()).toBe(false);
      else await sideSel.selectOption(side);
      // The drawing from above puts the phone where the test wants it.
      expect(await page.getByRole('img', { name: new RegExp(`Seen from above: the phone .*${where}`) }).isVisible()).toBe(true);
      // The guidance: where the phone goes, then the animation captioned as what the camera should see.
      const guide = page.locator('figure.demo', { has: page.locator(`canvas[data-exercise="${test}"][data-variant="good"]`) });
      await guide.waitFor({ timeout: 30_000 });
      expect(await guide.locator('figcaption').textContent()).toContain(`This is what the camera should see — seen ${seen}`);
      const after = await guide.evaluate((f) => {
        const h2 = Array.from(document.querySelectorAll('h2')).find((h) => h.textContent === 'Where to put the phone');
        return !!h2 && (h2.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      });
      expect(after, `${test} ${side}: the animation follows "Where to put the phone"`).toBe(true);
      const canvas = `figure.demo canvas[data-exercise="${test}"]`;
      await page.locator(canvas).scrollIntoViewIfNeeded();
      const guideLoop = await wholeLoop(s, canvas);
      const frames = Object.keys(guideLoop).length;
      expect(frames, `${test} ${side}: frames in a loop`).toBeGreaterThanOrEqual(30);
      expect(new Set(Object.values(guideLoop)).size, `${test} ${side}: distinct pictures`).toBeGreaterThanOrEqual(10);
      await shot(page, `demo-guide-${test}-${side}`);
      loops[`${test}-${side}`] = guideLoop;

      // The demonstrations page, the same exercise and view: the same pictures, frame by frame.
      await page.goto(`${server.url}/demos?exercise=${test}&view=${view}`);
      const demoCanvas = `canvas[data-testid="demo-canvas"][data-exercise="${test}"][data-variant="good"]`;
      await page.locator(demoCanvas).waitFor({ timeout: 30_000 });
      const demoLoop = await wholeLoop(s, demoCanvas);
      expect(demoLoop, `${test} ${side}: /demos draws the same loop`).toEqual(guideLoop);
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Screening' }).waitFor({ timeout: 20_000 });
    }
    // The side matters for a side view: the Thomas test seen from the right is not the one seen from the left.
    const left = loops['thomas-test-left']!;
    const right = loops['thomas-test-right']!;
    const same = Object.keys(left).filter((k) => left[Number(k)] === right[Number(k)]).length;
    expect(same, 'Thomas test: frames drawn the same from either side').toBeLessThan(Object.keys(left).length / 10);
    expect(s.consoleErrors).toEqual([]);
  }, 240_000);

  it('is keyboard navigable: the controls take focus and pause the animation', async () => {
    const { page } = s;
    await page.goto(server.url + '/demos?exercise=cat-camel');
    const pause = page.getByRole('button', { name: /Pause demonstration/ });
    await pause.focus();
    await page.keyboard.press('Enter');
    // Pressed, the same button offers to play again.
    const playBtn = page.getByRole('button', { name: /Play demonstration/ });
    await expect.poll(() => playBtn.getAttribute('aria-pressed')).toBe('true');
    const canvas = 'canvas[data-testid="demo-canvas"]';
    const a = await sample(s, canvas);
    await page.waitForTimeout(600);
    const b = await sample(s, canvas);
    expect(b.hash).toBe(a.hash);
    expect(s.consoleErrors).toEqual([]);
  });
});
