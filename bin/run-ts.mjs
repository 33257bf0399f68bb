#!/usr/bin/env node
// Runs one TypeScript script (benchmarks, reliability report) with tsx.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error('usage: run-ts <script.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], resolve(script), ...rest];
await tsImport(pathToFileURL(resolve(script)).href, import.meta.url);
