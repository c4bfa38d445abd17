// Pages must not bypass the catalogue: a text literal in the app's source
// (a capitalised word or sentence in quotes) outside i18n/ fails, unless its
// line says `// not text` (a key name, a log line). The browser tests check
// what pages show, including text from the server (see e2e/audit.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(__dirname, '..');

// Files whose text has not yet moved into the catalogue. The list only
// shrinks: a file listed here that holds no text literal fails too.
const notYetMoved = new Set<string>([]);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'i18n') out.push(...sources(p));
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const literal = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
// A sentence or a label: a capitalised word, alone or followed by more words.
const text = /^(?:[A-Z][a-z’']*\s+\S|[A-Z][a-z’']+(?:[,.:;!?]|$))/;

/** textLiterals returns the text literals of a TypeScript source, each with its line number. */
export function textLiterals(source: string): string[] {
  const found: string[] = [];
  const lines = source.split('\n');
  const stripped = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const m of stripped.matchAll(literal)) {
    const s = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (!text.test(s)) continue;
    const line = stripped.slice(0, m.index).split('\n').length;
    if (lines[line - 1]?.includes('// not text')) continue;
    found.push(`${line}: ${s.slice(0, 60)}`);
  }
  return found;
}

describe('pages use the message catalogue', () => {
  it('finds text literals', () => {
    expect(textLiterals("h('p', {}, 'Please sign in first.')")).toEqual(['1: Please sign in first.']);
    expect(textLiterals("h('a', { class: 'button primary' }, t('auth.signIn'))")).toEqual([]);
    expect(textLiterals("const k = 'Enter'; // not text")).toEqual([]);
    expect(textLiterals("h('button', {}, 'I have written it down')")).toEqual(['1: I have written it down']);
  });

  const files = sources(src).map((p) => [relative(src, p).replaceAll('\\', '/'), p] as const);
  it.each(files)('%s holds no text of its own', (name, path) => {
    const found = textLiterals(readFileSync(path, 'utf8'));
    if (notYetMoved.has(name)) expect(found.length, `${name} holds no text literal any more: take it off notYetMoved`).toBeGreaterThan(0);
    else expect(found).toEqual([]);
  });
});
