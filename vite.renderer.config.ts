import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Build of renderer/ for browser mode (renderer/dist, served by `pos serve`); it lives
// outside renderer/ because it runs in Node. electron.vite.config.ts reuses it for the
// app:// build with only the output directory changed.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome120',
    // Nothing inlined as data: URIs for scripts or fonts: the CSP allows files from 'self' only.
    assetsInlineLimit: 0,
    // One page serves both windows (?view=customer-display); chart.js and qrcode are split out.
    chunkSizeWarningLimit: 800,
  },
});
