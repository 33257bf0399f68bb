#!/usr/bin/env node
// The operator's command-line tool. Runs the TypeScript sources through tsx so
// that `npm ci` is all an operator needs before `npm run -s pos -- <command>`.
import { tsImport } from 'tsx/esm/api';

const { runPos } = await tsImport('../main/cli/pos.ts', import.meta.url);
process.exitCode = await runPos(process.argv.slice(2));
