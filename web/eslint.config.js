// ESLint for the web app (`npm run lint`, run by `make lint`): the
// JavaScript and typescript-eslint recommended rules over the TypeScript
// sources and tests. Types themselves are tsc's job (tsc --noEmit, strict).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, downloaded packages and generated types.
  { ignores: ['dist/', 'public/', 'node_modules/', 'test-results/', 'artifacts/', 'scripts/', 'src/openapi.gen.d.ts', 'src/engine.gen.d.ts'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      // A parameter named with a leading _ is kept for its place in a
      // signature (a route's render(ctx, me)), as tsc's noUnusedParameters allows.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The browser tests read whatever JSON the server answers, error
    // bodies included, and assert on its fields: any is their honest type.
    files: ['e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
