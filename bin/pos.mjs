#!/usr/bin/env node
// The operator's command-line tool, from the built CLI (bin/load-cli.mjs), so
// `npm ci` is all an operator needs before `npm run -s pos -- <command>`.
import { fileURLToPath } from 'node:url';
import { loadCli } from './load-cli.mjs';

const { runPos } = await loadCli(fileURLToPath(new URL('..', import.meta.url)));
process.exitCode = await runPos(process.argv.slice(2));
