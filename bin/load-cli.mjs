// Loads the built CLI (bin/build-cli.mjs), rebuilding it first when its stamp
// says a source changed, so a `git pull` never runs yesterday's code. When it
// cannot be rebuilt (a build error, or no esbuild), the TypeScript sources run
// through tsx instead, which then reports the source's own error.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStaleness } from '../main/build-stamp.mjs';

export const CLI_BUNDLE = 'out/cli/pos.mjs';
export const CLI_STAMP = 'out/cli/.build-inputs.json';
/** The ESC/POS render worker built with the CLI; the bundle finds it through POS_RENDER_WORKER. */
export const RENDER_WORKER_BUNDLE = 'out/cli/render-worker.mjs';

/** The CLI of the checkout at `root`: main/cli/entry.ts's exports. */
export async function loadCli(root) {
  if (await buildStaleness(root, join(root, CLI_STAMP))) {
    try {
      const { buildCli } = await import('./build-cli.mjs');
      await buildCli(root);
    } catch {
      const { tsImport } = await import('tsx/esm/api');
      return tsImport('../main/cli/entry.ts', import.meta.url);
    }
  }
  process.env.POS_RENDER_WORKER ??= join(root, RENDER_WORKER_BUNDLE);
  return import(pathToFileURL(join(root, CLI_BUNDLE)).href);
}
