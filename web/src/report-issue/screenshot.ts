// A screenshot of the current page with the camera picture left out. The
// page is cloned, every <video> (the camera, or a video file) is replaced
// by a flat box of CAMERA_FILL, every canvas by an image of what the app
// drew on it (skeleton overlays, charts, demonstrations: lines and dots,
// never camera pixels), and the clone is drawn through an SVG
// foreignObject onto a canvas and encoded as PNG. No library, nothing
// leaves the page: the PNG goes only into the report the person sends.

/** The flat colour that stands in for the camera picture (a test looks for it). */
export const CAMERA_FILL = '#5a6068';
/** Tallest screenshot, CSS pixels: our choice, a long page is cut, a report needs what was on screen. */
const MAX_HEIGHT = 4000;

/** Elements marked with this attribute are left out (the report dialog itself). */
export const SKIP_ATTR = 'data-screenshot-skip';

function cssText(): string {
  let out = '';
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) out += rule.cssText + '\n';
    } catch {
      // A cross-origin sheet cannot be read; the app has none.
    }
  }
  return out;
}

/** cloneWithoutCamera clones root with videos replaced by flat boxes and canvases by their drawings. */
export function cloneWithoutCamera(root: HTMLElement): HTMLElement {
  const clone = root.cloneNode(true) as HTMLElement;
  const origVideos = Array.from(root.querySelectorAll('video'));
  const cloneVideos = Array.from(clone.querySelectorAll('video'));
  cloneVideos.forEach((v, i) => {
    const o = origVideos[i];
    const r = o?.getBoundingClientRect();
    const box = document.createElement('div');
    box.className = v.className;
    box.setAttribute('data-camera-removed', '');
    // Fix the geometry and colour explicitly; the class keeps the placement.
    if (r) {
      box.style.width = `${r.width}px`;
      box.style.height = `${r.height}px`;
    }
    box.style.background = CAMERA_FILL;
    box.style.backgroundImage = 'none';
    // The container's height may depend on the viewport (vh units), which
    // the drawing's viewport does not share: pin it to what was on screen.
    const parent = o?.parentElement;
    if (parent && v.parentElement) {
      const pr = parent.getBoundingClientRect();
      // min- and max- too: a min-height in vh (the live view's) would
      // otherwise win over the pinned height in the taller drawing.
      const ps = v.parentElement.style;
      ps.height = ps.minHeight = ps.maxHeight = `${pr.height}px`;
      ps.width = ps.minWidth = ps.maxWidth = `${pr.width}px`;
    }
    v.replaceWith(box);
  });
  const origCanvases = Array.from(root.querySelectorAll('canvas'));
  Array.from(clone.querySelectorAll('canvas')).forEach((c, i) => {
    const o = origCanvases[i];
    const img = document.createElement('img');
    img.className = c.className;
    // Style through the CSSOM, never setAttribute('style'): the server's
    // Content-Security-Policy (style-src 'self') refuses inline style text.
    img.style.cssText = (c as HTMLElement).style.cssText;
    if (o) {
      const r = o.getBoundingClientRect();
      try {
        img.src = o.toDataURL('image/png');
      } catch {
        img.removeAttribute('src');
      }
      img.style.width = `${r.width}px`;
      img.style.height = `${r.height}px`;
    }
    c.replaceWith(img);
  });
  for (const el of Array.from(clone.querySelectorAll(`[${SKIP_ATTR}]`))) el.remove();
  // Form state lives in properties, not attributes: copy what was typed or chosen.
  const origFields = Array.from(root.querySelectorAll('input, textarea, select'));
  Array.from(clone.querySelectorAll('input, textarea, select')).forEach((f, i) => {
    const o = origFields[i] as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | undefined;
    if (!o) return;
    if (f instanceof HTMLInputElement && (o as HTMLInputElement).type.match(/checkbox|radio/)) {
      if ((o as HTMLInputElement).checked) f.setAttribute('checked', '');
      else f.removeAttribute('checked');
    } else if (f instanceof HTMLInputElement) f.setAttribute('value', o.value);
    else if (f instanceof HTMLTextAreaElement) f.textContent = o.value;
    else if (f instanceof HTMLSelectElement) {
      for (const opt of Array.from(f.options)) {
        if (opt.value === o.value) opt.setAttribute('selected', '');
        else opt.removeAttribute('selected');
      }
    }
  });
  return clone;
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the page could not be drawn'));
    img.src = src;
  });
}

export interface Screenshot {
  /** The PNG as a data: URL. */
  dataURL: string;
  width: number;
  height: number;
}

/** pageScreenshot draws the whole page (up to MAX_HEIGHT) without the camera picture. */
export async function pageScreenshot(root: HTMLElement = document.body): Promise<Screenshot> {
  const width = document.documentElement.clientWidth;
  const height = Math.min(MAX_HEIGHT, Math.max(document.documentElement.scrollHeight, window.innerHeight));
  const clone = cloneWithoutCamera(root);
  const bodyStyle = getComputedStyle(document.body);
  const xhtml = 'http://www.w3.org/1999/xhtml';
  const wrap = document.createElementNS(xhtml, 'div') as HTMLDivElement;
  wrap.style.cssText = `width:${width}px;height:${height}px;overflow:hidden;margin:0;background:${bodyStyle.backgroundColor || '#fff'};`;
  const style = document.createElementNS(xhtml, 'style');
  style.textContent = cssText();
  wrap.append(style);
  // The body's own box: keep its class and margins by wrapping in a body-like div.
  const body = document.createElementNS(xhtml, 'div') as HTMLDivElement;
  body.style.cssText = `margin:${bodyStyle.margin};font:${bodyStyle.font};color:${bodyStyle.color};`;
  body.append(...Array.from(clone.childNodes));
  wrap.append(body);
  const xml = new XMLSerializer().serializeToString(wrap);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><foreignObject x="0" y="0" width="100%" height="100%">${xml}</foreignObject></svg>`;
  const img = await loadImage('data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.fillStyle = bodyStyle.backgroundColor || '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0);
  return { dataURL: canvas.toDataURL('image/png'), width, height };
}
