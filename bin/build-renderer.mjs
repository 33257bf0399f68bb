#!/usr/bin/env node
// Brings renderer/dist up to date with its sources (main/browser/renderer-build.ts):
// `npm run build:renderer`, and `npm ci`'s postinstall (`--install`), so the first
// `npm start` opens at once. As postinstall it is quiet and never fails the
// install (a blocked build only means `npm start` builds on its first run).
// It builds nothing native: Electron's native modules are never rebuilt here.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const install = process.argv.includes('--install');

try {
  const { tsImport } = await import('tsx/esm/api');
  const { ensureRendererBuild, rendererBuildPaths } = await tsImport(
    '../main/browser/renderer-build.ts',
    import.meta.url,
  );
  await ensureRendererBuild(rendererBuildPaths(root), { force: process.argv.includes('--force') });
  // Compiles (and caches) what `npm start` loads, so its first run after `npm ci` is not also tsx's first.
  if (install) await tsImport('../main/start/start-till.ts', import.meta.url);
} catch (error) {
  if (!install) throw error;
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(
    `counter-pos: renderer not built during install (${reason}); npm start will build it`,
  );
}
