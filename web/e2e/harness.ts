// The browser test harness: builds and starts `stretchwise serve` on a free
// port with a throwaway data directory, launches Debian's Chromium through
// playwright-core (optionally with a real video clip as the fake camera),
// records every request and console error, and writes screenshots to
// web/artifacts/ for people to look at.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { collectText, textProblems, type SeenText } from './audit';

export const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(webDir, '..');
export const artifactsDir = join(webDir, 'artifacts');
export const mediaDir = process.env.STRETCHWISE_MEDIA ?? resolve(repoRoot, 'testdata', 'media');
export const chromiumPath = process.env.STRETCHWISE_CHROMIUM ?? '/usr/bin/chromium';

/** need fails with a clear message when a prerequisite is missing. */
export function need(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}`);
  return path;
}

/** freePort asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

let binary: string | undefined;

/**
 * buildBinary compiles cmd/stretchwise once per test process, and the
 * WebAssembly engine into web/dist from the same source, so the server and
 * the page run the same analysis code (a test compares their reports).
 */
export function buildBinary(): string {
  if (binary) return binary;
  const out = join(artifactsDir, 'bin', 'stretchwise');
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('go', ['build', '-o', out, './cmd/stretchwise'], { cwd: repoRoot, stdio: 'inherit' });
  execFileSync('go', ['build', '-trimpath', '-o', join(webDir, 'dist', 'engine.wasm'), './cmd/stretchwise-wasm'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, GOOS: 'js', GOARCH: 'wasm' },
  });
  binary = out;
  return out;
}

export interface Server {
  url: string;
  stop: () => Promise<void>;
  log: () => string;
}

/**
 * startServer runs `stretchwise serve` with SQLite in a temporary directory
 * and the built app from web/dist, and waits until it answers. With
 * STRETCHWISE_E2E_URL set, it uses that running server instead (e.g. `npm run
 * dev` or a staging instance).
 */
export async function startServer(): Promise<Server> {
  const external = process.env.STRETCHWISE_E2E_URL;
  if (external) return { url: external.replace(/\/$/, ''), stop: async () => {}, log: () => '' };
  need(join(webDir, 'dist', 'index.html'), 'the built web app (run make web)');
  const bin = buildBinary();
  const data = mkdtempSync(join(tmpdir(), 'stretchwise-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--data', data, '--web', join(webDir, 'dist')], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`stretchwise serve exited before answering:\n${output}`);
    try {
      const r = await fetch(url + '/');
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`stretchwise serve did not answer on ${url} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    log: () => output,
    stop: async () => {
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * fakeCamera cuts [from, from+seconds) of a real video into a y4m file
 * Chromium can play as the camera, downscaled to width px, cached under
 * artifacts/media.
 */
export function fakeCamera(video: string, from: number, seconds: number, width = 360, fps?: number): string {
  const src = need(join(mediaDir, video), 'test video');
  const name = `${video.replace(/\.[^.]+$/, '')}_${from}_${seconds}_${width}${fps ? `_${fps}fps` : ''}.y4m`;
  const out = join(artifactsDir, 'media', name);
  if (existsSync(out)) return out;
  mkdirSync(dirname(out), { recursive: true });
  const vf = `scale=${width}:-2${fps ? `,fps=${fps}` : ''}`;
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', String(from), '-t', String(seconds), '-i', src, '-vf', vf, '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', out]);
  return out;
}

/** clip cuts [from, from+seconds) of a real video into a small H.264 MP4, cached under artifacts/media. */
export function clip(video: string, from: number, seconds: number, width = 360): string {
  const src = need(join(mediaDir, video), 'test video');
  const out = join(artifactsDir, 'media', `${video.replace(/\.[^.]+$/, '')}_${from}_${seconds}_${width}.mp4`);
  if (existsSync(out)) return out;
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', String(from), '-t', String(seconds), '-i', src, '-vf', `scale=${width}:-2`, '-an', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', out]);
  return out;
}

/** A request the page made, with what it carried. */
export interface RecordedRequest {
  method: string;
  url: string;
  resourceType: string;
  contentType: string;
  body: Buffer | null;
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  requests: RecordedRequest[];
  consoleErrors: string[];
  /** The visible text of every page shown (e2e/audit.ts). */
  seenText: SeenText;
  close: () => Promise<void>;
}

/** drawnPixels counts the pixels of a canvas that are not transparent: 0 for an empty canvas. */
export function drawnPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((c) => {
    const cv = c as HTMLCanvasElement;
    const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });
}

/**
 * stopAll closes the browser session and stops the server, those that were
 * started; then it fails when any page the session showed held words a
 * person should not read (a code name, an id, a file name, an issue number).
 */
export async function stopAll(s?: Session, server?: Server): Promise<void> {
  await s?.close();
  await server?.stop();
  const problems = s ? textProblems(s.seenText) : [];
  if (problems.length) throw new Error(`words a person should not read were on the pages:\n${problems.join('\n')}`);
}

/** A server and a browser for the tests of one describe block (browserSuite); set once its tests run. */
export interface Suite<P> {
  server: Server;
  s: Session;
  /** What prepare made on the server (an account set up through the API), if anything. */
  patient: P;
}

export interface SuiteOptions<P> {
  /** The fake camera: called first, it cuts the clip (fakeCamera). */
  camera?: () => string;
  viewport?: { width: number; height: number };
  /** prepare runs on the started server before the browser starts (an account, a plan). */
  prepare?: (base: string) => Promise<P>;
  /** Record what the page says aloud (recordSpeech). */
  speech?: boolean;
}

/**
 * browserSuite starts, before the tests of the describe block it is called
 * in, the camera clip, a server, what prepare makes on it and Chromium; after
 * them it stops both with stopAll (which fails on words a person should not
 * read). The tests read the returned suite's fields.
 */
export function browserSuite<P = undefined>(o: SuiteOptions<P> = {}): Suite<P> {
  const suite = {} as Suite<P>;
  beforeAll(async () => {
    const camera = o.camera?.();
    suite.server = await startServer();
    if (o.prepare) suite.patient = await o.prepare(suite.server.url);
    suite.s = await launch({ ...(camera ? { camera } : {}), ...(o.viewport ? { viewport: o.viewport } : {}) });
    if (o.speech) await recordSpeech(suite.s);
  });
  afterAll(() => stopAll(suite.s, suite.server));
  return suite;
}

/**
 * launch starts Chromium headless with software WebGL and a fresh profile.
 * camera: a y4m/mjpeg file to use as the camera.
 */
export async function launch(opts: { camera?: string; viewport?: { width: number; height: number } } = {}): Promise<Session> {
  need(chromiumPath, "Debian's chromium (apt-get install chromium)");
  const profile = mkdtempSync(join(tmpdir(), 'stretchwise-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--enable-unsafe-swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--autoplay-policy=no-user-gesture-required',
  ];
  if (opts.camera) {
    args.push('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${opts.camera}`);
  }
  // A persistent context gives the fresh --user-data-dir the flags call for.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const browser = context.browser() as Browser;
  const seenText = await collectText(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: RecordedRequest[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (r: Request) => {
    requests.push({
      method: r.method(),
      url: r.url(),
      resourceType: r.resourceType(),
      contentType: r.headers()['content-type'] ?? '',
      body: r.postDataBuffer(),
    });
  });
  page.on('console', (m) => {
    // A header the browser does not understand is a server bug too
    // (Chromium warns about an unknown Permissions-Policy feature).
    if (m.type() === 'error' || (m.type() === 'warning' && /Permissions-Policy|Unrecognized feature/.test(m.text())))
      consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  return {
    browser,
    context,
    page,
    requests,
    consoleErrors,
    seenText,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * openIssueReport opens the issue-report dialog from the page's button,
 * checks that every control in it has a name, and returns the dialog.
 */
export async function openIssueReport(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Report an issue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Report an issue' });
  await dialog.waitFor();
  expect(await unlabelled(page)).toEqual([]);
  return dialog;
}

/**
 * unlabelled lists the page's visible form controls and buttons that have
 * no accessible name (tests find controls by name, and so do screen readers).
 */
export function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href]'))) {
      if (el.hidden || el.closest('[hidden]') || (el as HTMLInputElement).type === 'hidden') continue;
      const labelled =
        ((el as HTMLInputElement).labels?.length ?? 0) > 0 ||
        !!el.getAttribute('aria-label') ||
        !!el.getAttribute('aria-labelledby') ||
        (el.tagName !== 'INPUT' && el.tagName !== 'SELECT' && el.tagName !== 'TEXTAREA' && (el.textContent ?? '').trim() !== '');
      if (!labelled) bad.push(el.outerHTML.slice(0, 120));
    }
    return bad;
  });
}

/**
 * offScreen names the elements (by name => locator) not wholly inside the
 * viewport now, with their box, or that are hidden; [] when all are on screen.
 */
export async function offScreen(page: Page, els: Record<string, Locator>): Promise<string[]> {
  const vp = page.viewportSize()!;
  const out: string[] = [];
  for (const [name, el] of Object.entries(els)) {
    const b = await el.boundingBox();
    if (!b || b.height < 1) out.push(`${name}: not shown`);
    else if (b.y < -1 || b.x < -1 || b.y + b.height > vp.height + 1 || b.x + b.width > vp.width + 1) {
      out.push(`${name}: ${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}x${Math.round(b.height)} in ${vp.width}x${vp.height}`);
    }
  }
  return out;
}

/** overflowsX reports whether the page scrolls sideways (a broken phone layout). */
/**
 * navLink follows a link of the main navigation; on a phone, where the
 * links are behind the Menu button, it opens the menu first.
 */
export async function navLink(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = nav.getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await nav.getByRole('link', { name, exact: true }).click();
}

export function overflowsX(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** shot writes a full-page screenshot to web/artifacts/NAME.png; a page busy with the live pose model may need a longer timeout (ms). */
export async function shot(page: Page, name: string, timeout = 30_000): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true, timeout });
  return path;
}

// Magic numbers of image and video containers: a request body starting
// with one of these carries a picture or a film.
const MEDIA_MAGIC: ReadonlyArray<readonly [string, number[]]> = [
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['webp/riff', [0x52, 0x49, 0x46, 0x46]],
  ['webm/mkv', [0x1a, 0x45, 0xdf, 0xa3]],
  ['y4m', [0x59, 0x55, 0x56, 0x34]],
];

/**
 * mediaInRequest says why a request looks like it carries image or video
 * data, or returns '' when it does not: an image/video content type, a
 * media container's magic bytes (also an MP4 'ftyp' box) anywhere a body
 * starts, a data: URL of an image or video, or a long base64 run (an encoded
 * frame) in the body.
 */
export function mediaInRequest(r: RecordedRequest): string {
  if (/^(image|video)\//i.test(r.contentType)) return `content type ${r.contentType}`;
  if (/^data:(image|video)\//i.test(r.url)) return 'data: URL of an image or video';
  const b = r.body;
  if (!b || b.length === 0) return '';
  for (const [name, magic] of MEDIA_MAGIC) {
    if (b.length >= magic.length && magic.every((v, i) => b[i] === v)) return `${name} bytes`;
  }
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp') return 'mp4 bytes';
  const text = b.toString('latin1');
  if (/data:(image|video)\//i.test(text)) return 'an embedded data: URL of an image or video';
  if (/[A-Za-z0-9+/]{2000,}/.test(text)) return 'a long base64 run';
  if (/multipart\/form-data/i.test(r.contentType) && /filename=/i.test(text)) return 'a file upload';
  return '';
}

declare global {
  interface Window {
    /** What the page would have said aloud (recordSpeech). */
    __spoken: string[];
  }
}

/** recordSpeech replaces speech synthesis in the session's pages with a recorder: window.__spoken lists what would have been said. */
export async function recordSpeech(s: Session): Promise<void> {
  await s.context.addInitScript(() => {
    window.__spoken = [];
    const fake = {
      speak: (u: SpeechSynthesisUtterance) => window.__spoken.push(u.text),
      cancel: () => undefined,
      pause: () => undefined,
      resume: () => undefined,
      getVoices: () => [],
      speaking: false,
      pending: false,
      paused: false,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
  });
}

/** CAMERA_FILL of src/report-issue/screenshot.ts (where a screenshot had the camera picture), as RGB. */
const FILL = [0x5a, 0x60, 0x68] as const;
/** The skeleton's left and right colours (src/pose/skeleton.ts), as RGB. */
const SKELETON = [
  [0xff, 0x9f, 0x1c],
  [0x2e, 0xc4, 0xff],
] as const;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * screenshotShares loads a PNG (base64), a stored page screenshot, in the page and returns, over the rectangle,
 * the share of pixels equal to FILL (within 3 per channel), the share near
 * one of the skeleton's colours (within 40 per channel: the lines are drawn
 * at 95 % opacity and anti-aliased), and the number of distinct colours (a
 * camera picture has thousands, a flat box with lines a few dozen).
 */
export async function screenshotShares(s: Session, pngB64: string, r: Rect): Promise<{ fill: number; skeleton: number; colours: number; width: number; height: number }> {
  return s.page.evaluate(
    async ({ b64, r, fill, skeleton }) => {
      const img = new Image();
      img.src = 'data:image/png;base64,' + b64;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)).data;
      const near = (i: number, rgb: readonly number[], tol: number) =>
        Math.abs(d[i]! - rgb[0]!) <= tol && Math.abs(d[i + 1]! - rgb[1]!) <= tol && Math.abs(d[i + 2]! - rgb[2]!) <= tol;
      let nFill = 0;
      let nSkel = 0;
      const colours = new Set<number>();
      for (let i = 0; i < d.length; i += 4) {
        colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
        if (near(i, fill, 3)) nFill++;
        else if (skeleton.some((rgb) => near(i, rgb, 40))) nSkel++;
      }
      const n = d.length / 4;
      return { fill: nFill / n, skeleton: nSkel / n, colours: colours.size, width: img.naturalWidth, height: img.naturalHeight };
    },
    { b64: pngB64, r, fill: FILL, skeleton: SKELETON },
  );
}
