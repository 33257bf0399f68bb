// electron-vite's main entry (out/main/index.js). Paths are relative to the
// built file: out/main -> out/preload, out/renderer.
import { fileURLToPath } from 'node:url';
import { startElectronApp } from './app-main.js';

const built = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

startElectronApp({
  preload: built('../preload/index.cjs'),
  rendererDir: built('../renderer'),
}).catch((error: unknown) => {
  console.error('Counter POS failed to start:', error);
  process.exit(1);
});
