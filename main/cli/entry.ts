// What the built CLI (out/cli/pos.mjs, bin/load-cli.mjs) exposes to bin/: the
// `pos` tool, `npm start` and the renderer build, one bundle for all three.
export { ensureRendererBuild, rendererBuildPaths } from '../browser/renderer-build.js';
export { processIo } from './command.js';
export { runPos } from './pos.js';
export { runStart } from '../start/start-till.js';
