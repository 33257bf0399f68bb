import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Browser-mode build (renderer/dist, served by `pos serve`). electron.vite.config.ts
// reuses this config for the app:// build with only the output directory changed.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    // Nothing inlined as data: URIs for scripts or fonts: the CSP allows files from 'self' only.
    assetsInlineLimit: 0,
  },
});
