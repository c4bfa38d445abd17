// The message catalogue: every word a person reads in the app comes from
// here, looked up by key with t(). English is the reference catalogue
// (en/); another language is one more catalogue of the same keys, chosen
// from the browser's languages, with English filling any key it lacks.
// Numbers and dates inside messages are written in the person's locale
// through format.ts.
import { formatDate, formatDateTime, formatNumber, formatShortDate } from '../format';
import { en, type MessageKey } from './en';

export type { MessageKey } from './en';

/** A message with one form per plural category (Intl.PluralRules), chosen by the count parameter. */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

/**
 * Message is a text with {name} placeholders. A placeholder may name how its
 * value is written: {when, date}, {when, datetime}, {when, shortdate},
 * {v, number, 2} (at most 2 decimals; numbers default to at most 1).
 */
export type Message = string | PluralMessage;

/** Messages is one catalogue: keys to messages. */
export type Messages = Record<string, Message>;

/** A catalogue of another language: any subset of the English keys. */
export type Catalogue = Partial<Record<MessageKey, Message>>;

export type Params = Record<string, string | number | Date>;

/** The catalogues the app ships, by BCP 47 language code. */
export const catalogues: Record<string, Catalogue> = { en };

let current: Catalogue = en;
let currentLang = 'en';

/** setLanguage picks the catalogue of the first language of langs the app has (English otherwise), and returns its code. */
export function setLanguage(langs: readonly string[]): string {
  for (const l of langs) {
    const base = l.toLowerCase().split('-')[0] ?? '';
    const found = catalogues[l.toLowerCase()] ? l.toLowerCase() : catalogues[base] ? base : '';
    if (found) {
      current = catalogues[found]!;
      currentLang = found;
      return found;
    }
  }
  current = en;
  currentLang = 'en';
  return 'en';
}

/** language returns the code of the catalogue in use. */
export function language(): string {
  return currentLang;
}

const placeholder = /\{(\w+)(?:,\s*(\w+)(?:,\s*(\d+))?)?\}/g;

function formatValue(v: string | number | Date, style: string | undefined, arg: string | undefined): string {
  if (v instanceof Date) {
    if (style === 'datetime') return formatDateTime(v);
    if (style === 'shortdate') return formatShortDate(v);
    return formatDate(v);
  }
  if (typeof v === 'number') return formatNumber(v, arg !== undefined ? Number(arg) : 1);
  if (style === 'date' || style === 'datetime' || style === 'shortdate') return formatValue(new Date(v), style, arg);
  return v;
}

/** interpolate fills a message's placeholders; a missing parameter is an error (a programmer's mistake). */
export function interpolate(lang: string, msg: Message, params: Params = {}, key = ''): string {
  let text: string;
  if (typeof msg === 'string') text = msg;
  else {
    const count = params.count;
    if (typeof count !== 'number') throw new Error(`message ${key}: a plural message needs a numeric count`);
    const cat = new Intl.PluralRules(lang).select(count) as keyof PluralMessage;
    text = (count === 0 && msg.zero) || msg[cat] || msg.other;
  }
  return text.replace(placeholder, (_, name: string, style?: string, arg?: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`message ${key}: no value for {${name}}`);
    return formatValue(v, style, arg);
  });
}

/** t returns the text of a message in the person's language, its placeholders filled. */
export function t(key: MessageKey, params?: Params): string {
  const msg = current[key] ?? en[key];
  return interpolate(current === en || current[key] === undefined ? 'en' : currentLang, msg, params, key);
}

/** has says whether key is a message of the catalogue (for text that arrives as a key, e.g. a server code). */
export function has(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

// The browser's languages choose the catalogue before any page renders.
if (typeof navigator !== 'undefined' && navigator.languages) setLanguage(navigator.languages);
