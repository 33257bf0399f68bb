import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'electron-vite';
import rendererConfig from './vite.renderer.config.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// `npm start` / `npm run dist` build three bundles into out/:
//   out/main/index.js       the Electron main process (ESM, dependencies external)
//   out/preload/index.cjs   the preload: ONE CommonJS file with zod and src/api
//                           bundled in, because a sandboxed preload can require
//                           nothing but `electron`
//   out/renderer/           the UI, served on app://counter-pos/
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: here('main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: here('main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: mergeConfig(rendererConfig, {
    build: {
      outDir: here('out/renderer'),
      rollupOptions: { input: { index: here('renderer/index.html') } },
    },
  }),
});
