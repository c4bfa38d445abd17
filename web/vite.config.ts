import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The app is served by `stretchwise serve` (and by `stretchwise extract` on
// 127.0.0.1) from web/dist at /. public/ holds the MediaPipe runtime copied
// from node_modules by scripts/copy-mediapipe.mjs and, when built, the Go
// WebAssembly engine; both are copied to dist unchanged.
export default defineConfig({
  base: '/',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // In development, forward the JSON API to a running `stretchwise serve`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
