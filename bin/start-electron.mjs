#!/usr/bin/env node
// `npm start`: build main, preload and renderer with electron-vite, then run
// the app in Electron. The Electron binary is downloaded by the `electron`
// package's install script, which some machines block (allowScripts, no
// network); then say so and point at browser mode instead of failing obscurely.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

let electronBinary;
try {
  // The package's main module returns the binary's path, or throws when it was never downloaded.
  electronBinary = require('electron');
} catch {
  console.error(
    [
      'npm start: the Electron binary is not installed on this machine',
      '(node_modules/electron has no dist/; its download is blocked or was skipped).',
      'Run the same app in a browser instead:',
      '',
      '  npm run start:browser',
      '',
      'or, with network access, fetch the binary: node node_modules/electron/install.js',
    ].join('\n'),
  );
  process.exit(1);
}

process.chdir(root); // electron-vite resolves out/ and the entries from the working directory
const { build } = await import('electron-vite');
await build({ configFile: join(root, 'electron.vite.config.ts') });

const child = spawn(electronBinary, [root, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
