// The recording's source names the Tasks version; it must be the one the
// build ships (package.json), not a stale copy.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';

describe('TASKS_VISION_VERSION', () => {
  it('is the version of @mediapipe/tasks-vision in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    const src = readFileSync(new URL('./mediapipe.ts', import.meta.url), 'utf8');
    const m = /export const TASKS_VISION_VERSION = '([^']+)'/.exec(src);
    expect(m?.[1]).toBe(pkg.dependencies['@mediapipe/tasks-vision']);
  });
});
