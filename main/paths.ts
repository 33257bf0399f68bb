import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RenderWorkerEntry, renderWorkerEntry } from '../native/printer/decoder/render-in-worker.js';
import type { PosMode } from '../src/api/index.js';

/** The checkout (or unpacked app) root, found from this file's place in main/. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Where `pos serve` and `pos doctor` keep data unless `--data` says otherwise. */
export const DEFAULT_DATA_DIR = '.pos-data';

/** The browser-mode renderer build (`npm run build:renderer`). */
export const RENDERER_DIST_DIR = join(PROJECT_ROOT, 'renderer', 'dist');

/**
 * The ESC/POS render worker: the bundle built with the CLI, whose path the
 * CLI loader and the Electron entry put in POS_RENDER_WORKER, or, running
 * from source (tests, a checkout), render-worker.ts itself.
 */
export function renderWorker(): RenderWorkerEntry {
  return renderWorkerEntry(process.env.POS_RENDER_WORKER);
}

/** One journal file per mode, so training sales never land in the live journal. */
export function journalPath(dataDir: string, mode: PosMode): string {
  return join(dataDir, `journal-${mode}.db`);
}

export function logDir(dataDir: string): string {
  return join(dataDir, 'logs');
}
