#!/usr/bin/env node
// Brings the built CLI (out/cli, bin/build-cli.mjs) and renderer/dist
// (main/browser/renderer-build.ts) up to date with their sources:
// `npm run build:renderer`, and `npm ci`'s postinstall (`--install`), so the
// first `npm start` opens at once. As postinstall it is quiet and never fails
// the install (a blocked build only means `npm start` builds on its first
// run). It builds nothing native: Electron's native modules are never rebuilt here.
import { fileURLToPath } from 'node:url';
import { loadCli } from './load-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const install = process.argv.includes('--install');

try {
  const { ensureRendererBuild, rendererBuildPaths } = await loadCli(root);
  await ensureRendererBuild(rendererBuildPaths(root), { force: process.argv.includes('--force') });
} catch (error) {
  if (!install) throw error;
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(`counter-pos: screens not built during install (${reason}); npm start will build them`);
}
