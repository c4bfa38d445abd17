// Compares a recording of the tfjs squat video (tfjs_squats_banded_front_view.mp4,
// 720x1280, 5 fps) with BlazePose full's reference 2D landmarks from tfjs-models
// (..._blazepose_full_2d_golden.json, pixels). Prints the mean and the 95th
// percentile distance of the body landmarks (shoulders to ankles), in image
// heights and in pixels of the 1280 px side, over the frames both have.
//
//   node web/scripts/compare-golden.mjs REC.jsonl GOLDEN.json
import { readFileSync } from 'node:fs';

const [recPath, goldenPath] = process.argv.slice(2);
if (!recPath || !goldenPath) {
  console.error('usage: node compare-golden.mjs REC.jsonl GOLDEN.json');
  process.exit(2);
}
const lines = readFileSync(recPath, 'utf8').split('\n').filter((l) => l.trim());
const header = JSON.parse(lines[0]);
const frames = lines.slice(1).map((l) => JSON.parse(l));
const golden = JSON.parse(readFileSync(goldenPath, 'utf8'));
const W = 720, H = 1280, FPS = 5;
const body = [11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28];
const d = [];
let compared = 0;
for (const f of frames) {
  const k = Math.round(f.t * FPS);
  if (Math.abs(k / FPS - f.t) > 1e-3 || !golden[k] || !f.lm) continue;
  compared++;
  for (const j of body) {
    const dx = (f.lm[j][0] - golden[k][j][0] / W) * (W / H);
    const dy = f.lm[j][1] - golden[k][j][1] / H;
    d.push(Math.hypot(dx, dy));
  }
}
d.sort((a, b) => a - b);
const mean = d.reduce((a, b) => a + b, 0) / d.length;
const p95 = d[Math.floor(0.95 * (d.length - 1))];
console.log(`${header.source}: ${compared} frames, ${d.length} landmarks; mean ${mean.toFixed(4)} image heights (${(mean * H).toFixed(1)} px), p95 ${p95.toFixed(4)} (${(p95 * H).toFixed(1)} px)`);
