import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives Debian's Chromium against a real
// `stretchwise serve`. Slow (MediaPipe runs on software WebGL), so they run
// one file at a time with long timeouts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
