#!/usr/bin/env node
// `npm start`: the till in Electron, or in browser mode where Electron cannot
// run (main/start/start-till.ts, from the built CLI). The checkout root is this
// file's parent, so a copy of bin/ next to other sources starts those.
import { fileURLToPath } from 'node:url';
import { loadCli } from './load-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { runStart, processIo } = await loadCli(root);
process.exitCode = await runStart({ root, argv: process.argv.slice(2), io: processIo, env: process.env });
