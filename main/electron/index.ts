// electron-vite's main entry (out/main/index.js). Paths are relative to the
// built file: out/main -> out/preload, out/renderer, out/cli.
import { app } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startElectronApp } from './app-main.js';

const built = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

interface BuiltCli {
  runPos(argv: string[]): Promise<number>;
}

// The ESC/POS render worker is built beside the CLI (bin/build-cli.mjs); main/paths.ts reads this.
process.env.POS_RENDER_WORKER ??= built('../cli/render-worker.mjs');

const posAt = process.argv.indexOf('--pos');
if (posAt >= 0) {
  // `counter-pos --pos doctor`: the operator tool of the installed app (out/cli/pos.mjs, built
  // by bin/build-cli.mjs), run by this binary, since the fuses forbid running it as Node.
  const cli = (await import(pathToFileURL(built('../cli/pos.mjs')).href)) as BuiltCli;
  app.exit(await cli.runPos(process.argv.slice(posAt + 1)));
} else {
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
}
