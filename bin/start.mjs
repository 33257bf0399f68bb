#!/usr/bin/env node
// `npm start`: the till in Electron, or in browser mode where Electron cannot
// run (main/start/start-till.ts). The checkout root is this file's parent, so
// a copy of bin/ next to other sources starts those.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const { runStart } = await tsImport('../main/start/start-till.ts', import.meta.url);
const { processIo } = await tsImport('../main/cli/command.ts', import.meta.url);
process.exitCode = await runStart({
  root,
  argv: process.argv.slice(2),
  io: processIo,
  env: process.env,
});
