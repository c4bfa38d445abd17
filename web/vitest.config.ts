import { defineConfig } from 'vitest/config';

// Unit tests: pure TypeScript modules (recording format, router, API client).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
  },
});
