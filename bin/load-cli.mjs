// Loads the built CLI (bin/build-cli.mjs), rebuilding it first when its stamp
// says a source changed. Where it cannot be built (no esbuild: an install
// without dev packages) a current bundle is used as it is; with no bundle at
// all, the TypeScript sources run through tsx.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStaleness } from '../main/build-stamp.mjs';

const BUNDLE = 'out/cli/pos.mjs';
const STAMP = 'out/cli/.build-inputs.json';

/** The CLI of the checkout at `root`: { runPos, runStart, processIo }. */
export async function loadCli(root) {
  if (await buildStaleness(root, join(root, STAMP))) {
    try {
      const { buildCli } = await import('./build-cli.mjs');
      await buildCli(root);
    } catch {
      const { tsImport } = await import('tsx/esm/api');
      return tsImport('../main/cli/entry.ts', import.meta.url);
    }
  }
  return import(pathToFileURL(join(root, BUNDLE)).href);
}
