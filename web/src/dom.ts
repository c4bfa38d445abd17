// Tiny DOM helpers: pages build their elements with h() so text always goes
// in as text (no innerHTML with data).

type Attrs = Record<string, string | number | boolean | undefined | EventListener>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'class') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

let ids = 0;
/** uid returns a page-unique id for label/for pairs. */
export function uid(prefix: string): string {
  return `${prefix}-${++ids}`;
}

/** field returns a label and control pair, the label tied to the control. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= uid('f');
  const l = h('label', { for: control.id }, label);
  const wrap = h('div', { class: 'field' }, l, control);
  if (hint) {
    const hid = uid('hint');
    control.setAttribute('aria-describedby', hid);
    wrap.append(h('p', { class: 'hint', id: hid }, hint));
  }
  return wrap;
}

/** select builds a <select> with the given values and labels. */
export function select(name: string, options: ReadonlyArray<readonly [string, string]>, value?: string): HTMLSelectElement {
  const s = h('select', { name });
  for (const [v, label] of options) s.append(h('option', { value: v }, label));
  if (value !== undefined) s.value = value;
  return s;
}

/** download offers text as a file without a server round trip. */
export function download(name: string, text: string, type = 'application/jsonl'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
