// `npm run bench`: runs every benchmark script in bench/ one after another (so
// they do not compete for the two cores) and passes their JSON lines through.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const runner = join(benchDir, '..', 'bin', 'run-ts.mjs');
const skip = new Set(['run-all.ts', 'reliability.ts']);
const only = process.argv.slice(2);

const scripts = readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && !skip.has(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const script of scripts) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [runner, join(benchDir, script)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 5 * 60_000,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed++;
    console.error(`bench: ${script} failed (exit ${run.status ?? run.signal}) after ${seconds} s`);
  } else {
    console.error(`bench: ${script} done in ${seconds} s`);
  }
}
process.exitCode = failed ? 1 : 0;
