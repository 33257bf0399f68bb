// electron-vite's main entry (out/main/index.js). Paths are relative to the
// built file: out/main -> out/preload, out/renderer.
import { app } from 'electron';
import { fileURLToPath } from 'node:url';
import { startElectronApp } from './app-main.js';

const built = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

// `npm start -- --data DIR` keeps the till's data there instead of the user's app folder.
const dataFlag = process.argv.find((arg) => arg.startsWith('--data='));
if (dataFlag) app.setPath('userData', dataFlag.slice('--data='.length));

startElectronApp({
  preload: built('../preload/index.cjs'),
  rendererDir: built('../renderer'),
}).catch((error: unknown) => {
  console.error('Counter POS failed to start:', error);
  process.exit(1);
});
