// Copies the MediaPipe Pose runtime (script, WebAssembly, models) from
// node_modules into public/mediapipe, so Vite serves it in development and
// copies it into dist/mediapipe on build. The app loads these files from our
// own server only, never from a CDN. The heavy model (27 MB) is left out: the
// app offers lite and full.
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'node_modules', '@mediapipe', 'pose');
const dst = join(root, 'public', 'mediapipe');
const skip = new Set(['pose_landmark_heavy.tflite', 'package.json', 'README.md', 'index.d.ts']);

mkdirSync(dst, { recursive: true });
let n = 0;
for (const name of readdirSync(src)) {
  if (skip.has(name) || !statSync(join(src, name)).isFile()) continue;
  copyFileSync(join(src, name), join(dst, name));
  n++;
}
if (n === 0) {
  console.error(`copy-mediapipe: no files in ${src}; run npm ci`);
  process.exit(1);
}
console.log(`copy-mediapipe: ${n} files -> public/mediapipe`);
