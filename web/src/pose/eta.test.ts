import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TimeLeft } from './eta';

// Runs of `stretchwise extract --timeline` recorded on the shared 2-core
// development machine: when frames were done (seconds since the start,
// frames done, total) and when the command ended.
const dir = join(__dirname, '../../../cmd/stretchwise/testdata/progress');

function polls(name: string): { t: number; done: number; total: number }[] {
  return readFileSync(join(dir, name), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.endsWith('end'))
    .map((l) => {
      const [t, done, total] = l.split(' ').map(Number);
      return { t: t!, done: done!, total: total! };
    });
}

describe('the time left on the video page', () => {
  it('is within 20 % of the time the frames really took, at every tenth, wherever the rest of the run kept its pace', () => {
    // The page's extraction ends with its last frame (the report after it
    // is not extraction), so the time left is to the last frame. As in
    // cmd/stretchwise's TestProgressEstimate: where the rest of the run was
    // more than 15 % slower or faster than the frames so far, the machine
    // changed and no estimate from the frames so far can know it.
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    let held = 0;
    for (const name of files) {
      const ps = polls(name);
      const first = ps[0]!;
      const end = ps[ps.length - 1]!;
      const est = new TimeLeft();
      let tenth = -1;
      for (const p of ps) {
        est.add(p.t, p.done);
        const left = est.left(p.total);
        const dec = Math.floor((10 * p.done) / p.total);
        if (dec === tenth) continue;
        tenth = dec;
        const really = end.t - p.t;
        if (left === undefined || really < 1) continue;
        const sofar = (p.t - first.t) / (p.done - first.done);
        const rest = really / (p.total - p.done);
        if (Math.abs(rest / sofar - 1) > 0.15) continue;
        held++;
        expect(Math.abs(left - really) / really, `${name} at ${p.done} of ${p.total}: ${left.toFixed(1)} s estimated, ${really.toFixed(1)} s left`).toBeLessThanOrEqual(0.2);
      }
    }
    expect(held).toBeGreaterThanOrEqual(24);
  });

  it('says nothing until two frames give a pace, and nothing is left at the end', () => {
    const est = new TimeLeft();
    expect(est.left(100)).toBeUndefined();
    est.add(5, 1); // after loading: the first frame
    expect(est.left(100)).toBeUndefined();
    est.add(6, 11);
    expect(est.left(100)).toBeCloseTo(8.9); // 0.1 s a frame, 89 frames left
    est.add(7, 11); // no new frame: ignored
    est.add(15, 100);
    expect(est.left(100)).toBe(0);
  });
});
