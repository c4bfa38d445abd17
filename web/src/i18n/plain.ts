// The plain-language check: text a person reads must not carry our code
// names, file names or issue numbers. The catalogue's unit test runs it on
// every message, and the browser tests run it on the visible text of every
// page they visit (which also covers text that comes from the server).

/** A rule: what it finds, and why that is not plain language. */
interface Rule {
  re: RegExp;
  why: string;
  /** Technical figures are allowed in the clinician's view. */
  technical?: boolean;
}

// Ids of the app that are two words joined by a hyphen: longer ids (three
// or more parts, like half-kneeling-hip-flexor) are caught by their shape.
const ids = ['bird-dog', 'thomas-test', 'front-left', 'front-right', 'rear-left', 'rear-right', 'front-of-hip', 'seek-care'];

// Names with a capital inside that are not code: products people know.
const camelWords = new Set(['iPhone', 'iPad', 'iOS', 'macOS', 'eBay']);

const rules: Rule[] = [
  { re: /\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+\b/g, why: 'a code name (snake_case)' },
  { re: /\b[a-z]+[A-Z][A-Za-z0-9]*\b/g, why: 'a code name (camelCase)' },
  { re: /\b[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}\b/g, why: 'an id (three or more words joined by hyphens)' },
  { re: new RegExp(`\\b(?:${ids.join('|')})\\b`, 'g'), why: 'an id of the app' },
  { re: /\b[\w-]+\.(?:md|go|ts|tsx|js|mjs|cjs|json|jsonl|html|css|sql|sh|py|ya?ml|wasm|toml|mod|sum|task|txt)\b/gi, why: 'a file name' },
  { re: /\bissues?\s*#?\s*\d+|(?:^|\s)#\d+\b/gi, why: 'an issue number' },
  { re: /\b(?:undefined|NaN)\b|\[object \w+\]/g, why: 'a programming value' },
  // A clinical test's name says nothing to a patient: say what the test does ("the hip test").
  { re: /\b(?:modified\s+)?(?:Thomas|Ober|Slump|FABER|FADIR|Lasègue|Schober|Trendelenburg)(?:'s)?\s+test\b/gi, why: 'a clinical test’s name (say what the test does)', technical: true },
  { re: /\bp(?:05|10|25|50|75|90|95)\b/g, why: 'a percentile (clinician view only)', technical: true },
  { re: /\+\/-/g, why: 'a plus/minus figure (clinician view only)', technical: true },
  { re: /\bour choice\b|\bdose levels?\b/gi, why: 'our own jargon (say why, or "the gentlest step", in words)', technical: true },
  {
    re: /\b(?:quadratus lumborum|rectus femoris|iliopsoas|psoas|piriformis|gluteals|gluteus \w+|obliques|erector spinae|multifidus|transversus abdominis)\b/gi,
    why: 'a Latin muscle name (say where in the body)',
    technical: true,
  },
];

/**
 * plainProblems lists what in text is not plain language, each as
 * `"found" is why`; empty when the text is fine. With clinician set, the
 * technical figures a clinician reads (percentiles, +/-) are allowed.
 */
export function plainProblems(text: string, opts: { clinician?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const r of rules) {
    if (r.technical && opts.clinician) continue;
    for (const m of text.matchAll(r.re)) {
      const found = m[0].trim();
      if (r.re.source.includes('A-Z][A-Za-z0-9]*\\b') && camelWords.has(found)) continue;
      out.push(`"${found}" is ${r.why}`);
    }
  }
  return out;
}
