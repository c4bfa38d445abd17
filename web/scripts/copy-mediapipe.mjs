// Puts the MediaPipe runtimes and models into public/mediapipe, so Vite
// serves them in development and copies them into dist/mediapipe on build.
// The app loads these files from our own server only, never from a CDN.
//
//   mediapipe/*                  the MediaPipe Pose graph (script, WebAssembly,
//                                models) of @mediapipe/pose: the webgl engine
//   mediapipe/tasks/*            MediaPipe Tasks' WebAssembly of
//                                @mediapipe/tasks-vision: the cpu engine
//   mediapipe/pose_landmarker_{lite,full}.task
//                                the same networks of @mediapipe/pose bundled
//                                for Tasks, with the metadata it needs
//                                (scripts/pose-task.mjs)
//
// The heavy model (27 MB) is left out: the app offers lite and full.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { poseTask } from './pose-task.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pose = join(root, 'node_modules', '@mediapipe', 'pose');
const tasks = join(root, 'node_modules', '@mediapipe', 'tasks-vision', 'wasm');
const dst = join(root, 'public', 'mediapipe');
const skip = new Set(['pose_landmark_heavy.tflite', 'package.json', 'README.md', 'index.d.ts']);

function copyDir(src, to, keep) {
  mkdirSync(to, { recursive: true });
  let n = 0;
  for (const name of readdirSync(src)) {
    if (!keep(name) || !statSync(join(src, name)).isFile()) continue;
    copyFileSync(join(src, name), join(to, name));
    n++;
  }
  if (n === 0) {
    console.error(`copy-mediapipe: no files in ${src}; run npm ci`);
    process.exit(1);
  }
  return n;
}

let n = copyDir(pose, dst, (name) => !skip.has(name));
// The SIMD build and the fallback for browsers without WebAssembly SIMD; not
// the ES-module variant, which the app does not load.
n += copyDir(tasks, join(dst, 'tasks'), (name) => /^vision_wasm_(nosimd_)?internal\.(js|wasm)$/.test(name));

// pose_solution_packed_assets.data is the person detector (pose_detection.tflite) alone.
const detector = readFileSync(join(pose, 'pose_solution_packed_assets.data'));
for (const variant of ['lite', 'full']) {
  const task = poseTask(detector, readFileSync(join(pose, `pose_landmark_${variant}.tflite`)), variant);
  writeFileSync(join(dst, `pose_landmarker_${variant}.task`), task);
  n++;
}
console.log(`copy-mediapipe: ${n} files -> public/mediapipe`);
