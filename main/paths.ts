import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PosMode } from '../src/api/index.js';

/** The checkout (or unpacked app) root, found from this file's place in main/. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Where `pos serve` and `pos doctor` keep data unless `--data` says otherwise. */
export const DEFAULT_DATA_DIR = '.pos-data';

/** The browser-mode renderer build (`npm run build:renderer`). */
export const RENDERER_DIST_DIR = join(PROJECT_ROOT, 'renderer', 'dist');

/** One journal file per mode, so training sales never land in the live journal. */
export function journalPath(dataDir: string, mode: PosMode): string {
  return join(dataDir, `journal-${mode}.db`);
}

export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}
