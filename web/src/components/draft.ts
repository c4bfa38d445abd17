// Drafts: answers a person has typed but not yet sent, kept in this
// browser's localStorage so a reload or a crash loses nothing. They stay on
// this device (never sent until the person sends the form), belong to one
// account, and are removed when the form is sent or the person signs out.
const PREFIX = 'stretchwise.draft.';

/** Values of a form's named controls: the checked radio's value, a select's or input's value. */
export type FormValues = Record<string, string>;

export class Draft {
  private readonly key: string;

  /** name is the form (e.g. "intake"), user the signed-in account's id. */
  constructor(name: string, user: number) {
    this.key = `${PREFIX}${name}.${user}`;
  }

  load(): FormValues | undefined {
    try {
      const v: unknown = JSON.parse(localStorage.getItem(this.key) ?? 'null');
      if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
      return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return undefined; // an unreadable draft is dropped, not shown half
    }
  }

  save(v: FormValues): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(v));
    } catch {
      // Storage full or refused (private mode): the form still works, only without a draft.
    }
  }

  clear(): void {
    localStorage.removeItem(this.key);
  }
}

/** clearDrafts removes every draft on this device: on signing out. */
export function clearDrafts(): void {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  for (const k of keys) localStorage.removeItem(k);
}

type Control = HTMLInputElement | HTMLSelectElement;

function controls(root: ParentNode): Control[] {
  return [...root.querySelectorAll<Control>('input[name], select[name]')].filter((c) => !(c instanceof HTMLInputElement && (c.type === 'file' || c.type === 'password')));
}

/** formValues reads the named controls under root (radios unchecked and empty values left out). */
export function formValues(root: ParentNode): FormValues {
  const out: FormValues = {};
  for (const c of controls(root)) {
    if (c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox')) {
      if (c.checked) out[c.name] = c.value;
    } else if (c.value !== '') out[c.name] = c.value;
  }
  return out;
}

/** fillForm puts saved values back into the named controls under root; unknown names are ignored. */
export function fillForm(root: ParentNode, v: FormValues): void {
  for (const c of controls(root)) {
    const want = v[c.name];
    if (want === undefined) continue;
    if (c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox')) c.checked = c.value === want;
    else if (c instanceof HTMLSelectElement ? [...c.options].some((o) => o.value === want) : true) c.value = want;
  }
}
