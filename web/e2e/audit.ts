// What every page must pass, whatever it shows: axe-core finds no serious
// or critical accessibility violation at a desktop (1280x800) and a phone
// (390x844) size, nothing scrolls sideways at 360 px, and the words on it
// are plain (the same check the message catalogue's unit test runs, so
// text that comes from the server is covered too).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { plainProblems } from '../src/i18n/plain';

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };
const narrow = { width: 360, height: 800 };

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * axeViolations runs axe-core on the page as it is and returns its serious
 * and critical violations, each with up to three of the elements it found.
 * The script goes in through the debugging protocol, past the app's CSP.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const has = await page.evaluate(() => 'axe' in window);
  if (!has) await page.evaluate(axeSource);
  const violations = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) => r.violations),
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** sidewaysAt says which elements stick out sideways at the given width (empty when the page fits). */
export async function sidewaysAt(page: Page, size: { width: number; height: number }): Promise<string[]> {
  await page.setViewportSize(size);
  await page.waitForTimeout(100);
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth + 1) return [];
    // The elements that stick out, leaving out those inside a container that scrolls or clips them.
    const clipped = (e: HTMLElement) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    return Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('details:not([open])') && !clipped(e))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent ?? '').trim().slice(0, 40)}" right edge ${Math.round(e.getBoundingClientRect().right)} px`)
      .concat([`page ${document.documentElement.scrollWidth} px wide`]);
  });
}

/**
 * brokenWords lists the short words (up to 12 letters or digits, such as a
 * table heading or a month) that the page breaks across two lines, and the
 * text a box cuts off (overflow hidden, or scrolled out of sight inside a box
 * that scrolls up and down); a long email address may break anywhere.
 * Hidden text for screen readers (1 px boxes) is left out.
 */
export function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    // Text for screen readers only sits in a box of a pixel or so.
    const srOnly = (e: HTMLElement) => {
      for (let p: HTMLElement | null = e; p && p !== document.body; p = p.parentElement) {
        const b = p.getBoundingClientRect();
        if (b.width <= 2 || b.height <= 2) return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n && out.length < 8; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !el.checkVisibility?.() || el.closest('details:not([open])') || srOnly(el)) continue;
      const text = n.textContent ?? '';
      for (const m of text.matchAll(/[\p{L}\p{N}]{2,12}/gu)) {
        // A word that is part of a longer run without spaces (an email address) may break.
        const before = text[m.index - 1] ?? ' ';
        const after = text[m.index + m[0].length] ?? ' ';
        if (!/[\s("“]/.test(before) || !/[\s,.:;!?)"”]/.test(after)) continue;
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(`"${m[0]}" broken across lines in ${el.tagName.toLowerCase()}.${el.className}`);
      }
    }
    return out;
  });
}

/** clippedText lists the text a box cuts off: beyond its edge when it hides what overflows, below its edge when it scrolls up and down. */
export function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n && out.length < 8; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !(n.textContent ?? '').trim() || !el.checkVisibility?.() || el.closest('details:not([open])')) continue;
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      for (let p: HTMLElement | null = el; p && p !== document.body; p = p.parentElement) {
        const cs = getComputedStyle(p);
        const box = p.getBoundingClientRect();
        if (box.width <= 2 || box.height <= 2) break; // text for screen readers only
        const hidesY = cs.overflowY !== 'visible';
        const hidesX = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
        const cut = (hidesY && (r.bottom > box.bottom + 1 || r.top < box.top - 1)) || (hidesX && (r.right > box.right + 1 || r.left < box.left - 1));
        if (cut) {
          out.push(`"${(n.textContent ?? '').trim().slice(0, 50)}" cut off by ${p.tagName.toLowerCase()}.${p.className}`);
          break;
        }
      }
    }
    return out;
  });
}

/**
 * auditPage checks the page at both sizes and at 360 px, and leaves the
 * viewport as it found it. It returns the problems, each naming the size.
 */
export async function auditPage(page: Page): Promise<string[]> {
  const before = page.viewportSize() ?? desktop;
  const out: string[] = [];
  for (const [name, size] of [['desktop', desktop], ['phone', phone]] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    for (const v of await axeViolations(page)) out.push(`${name}: ${v}`);
    for (const v of await brokenWords(page)) out.push(`${name}: ${v}`);
    for (const v of await clippedText(page)) out.push(`${name}: ${v}`);
  }
  for (const e of await sidewaysAt(page, narrow)) out.push(`360 px scrolls sideways: ${e}`);
  await page.setViewportSize(before);
  return out;
}

declare global {
  interface Window {
    __stretchwiseText?: (text: string, technical: string) => void;
  }
}

/** The text a browser showed: each line with the page it was first seen on. */
export interface SeenText {
  seen: Map<string, string>;
  /** Lines inside an element marked data-technical (the clinician's tables). */
  technical: Map<string, string>;
}

/**
 * collectText records the visible text of every page the browser shows (a
 * snapshot of document.body.innerText, plus what closed folds hold, shortly
 * after each change), leaving out what the person named themselves
 * (elements marked data-own, such as the name of a chosen file). The harness starts it for every browser session.
 */
export async function collectText(context: BrowserContext): Promise<SeenText> {
  const seen = new Map<string, string>();
  const technical = new Map<string, string>();
  await context.exposeBinding('__stretchwiseText', (src, text: string, tech: string) => {
    const where = new URL(src.frame.url()).pathname;
    const techLines = new Set(tech.split('\n').map((l) => l.trim()));
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (techLines.has(line)) technical.set(line, where);
      else if (!seen.has(line)) seen.set(line, where);
    }
  });
  await context.addInitScript(() => {
    let pending = false;
    const snap = () => {
      pending = false;
      if (!document.body || !window.__stretchwiseText) return;
      const tech = Array.from(document.querySelectorAll<HTMLElement>('[data-technical]')).map((e) => e.innerText);
      // innerText leaves out what a closed fold holds; a person opens it.
      const folded = Array.from(document.querySelectorAll<HTMLElement>('details:not([open]) :is(p, li, td, th, h2, h3, h4, dd, dt)'))
        .filter((e) => !e.closest('[data-technical]'))
        .map((e) => (e.textContent ?? '').replace(/\s+/g, ' '));
      // What the person wrote or named themselves (data-own: a file name) is theirs, not ours.
      let body = document.body.innerText;
      for (const e of document.querySelectorAll<HTMLElement>('[data-own]')) if (e.innerText) body = body.split(e.innerText).join('');
      window.__stretchwiseText([body, ...folded].join('\n'), tech.join('\n'));
    };
    new MutationObserver(() => {
      if (pending) return;
      pending = true;
      setTimeout(snap, 500);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'open', 'class'] });
  });
  return { seen, technical };
}

/** textProblems runs the plain-language check on collected text: every problem with its line and page. */
export function textProblems(c: SeenText): string[] {
  const out: string[] = [];
  for (const [line, where] of c.seen) for (const p of plainProblems(line)) out.push(`${where}: ${p} in "${line.slice(0, 100)}"`);
  for (const [line, where] of c.technical) for (const p of plainProblems(line, { clinician: true })) out.push(`${where} (clinician): ${p} in "${line.slice(0, 100)}"`);
  return out;
}
