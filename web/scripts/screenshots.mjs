#!/usr/bin/env node
// Screenshots of every page at 1280x800 and 390x844 for docs/img, linked
// from docs/web.md. It runs the page tour of e2e/pages.e2e.ts (a throwaway
// server with a visitor, a new patient, a patient with a plan and a
// clinician; Debian's Chromium through playwright-core) with
// STRETCHWISE_SCREENSHOTS set, then shrinks each PNG to a 64-colour palette
// with ffmpeg. Needs `make web` first.
//
//   node web/scripts/screenshots.mjs [OUT]     (default docs/img)
import { execFileSync } from 'node:child_process';
import { readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(webDir, '..', 'docs', 'img'));

execFileSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', 'e2e/pages.e2e.ts'], {
  cwd: webDir,
  stdio: 'inherit',
  env: { ...process.env, STRETCHWISE_SCREENSHOTS: out },
});

let total = 0;
for (const name of readdirSync(out).filter((n) => /-(desktop|phone)\.png$/.test(n))) {
  const png = join(out, name);
  const tmp = png.replace(/\.png$/, '.small.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', png, '-vf', 'split[a][b];[a]palettegen=max_colors=64[p];[b][p]paletteuse=dither=none', tmp]);
  renameSync(tmp, png);
  total += statSync(png).size;
  console.log(`${name}: ${Math.round(statSync(png).size / 1024)} KiB`);
}
console.log(`${out}: ${Math.round(total / 1024)} KiB in all`);
