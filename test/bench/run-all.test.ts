import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchScripts } from '../../bench/lib/bench-scripts.js';

const benchDir = join(import.meta.dirname, '..', '..', 'bench');

describe('npm run bench: which scripts it runs', () => {
  const files = readdirSync(benchDir);

  it('runs every figure script, and not the ones bench/README.md says are run on their own', () => {
    const scripts = benchScripts(files, []);
    expect(scripts).toContain('closeout-z.ts');
    expect(scripts).toContain('startup-1m.ts');
    // The reliability report is its own command; the projection comparison of a whole year is minutes.
    for (const own of ['run-all.ts', 'reliability.ts', 'projection-check.ts']) expect(scripts).not.toContain(own);
  });

  it('runs only the scripts named by a word, when given words', () => {
    expect(benchScripts(files, ['closeout', 'startup'])).toEqual(['closeout-z.ts', 'startup-1m.ts']);
  });
});

describe('npm run bench: the wall time of each script', () => {
  // escpos-nv-logo.ts computes its figure from encoded bytes (no timing), so it is quick and steady.
  it('prints one JSON line per script with its wall time and exit status, then the whole run', () => {
    const run = spawnSync(process.execPath, [join(benchDir, '..', 'bin', 'run-ts.mjs'), join(benchDir, 'run-all.ts'), 'nv-logo'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.name)).toEqual(['escpos_nv_logo_serial', 'bench_script_wall', 'bench_run_wall']);
    const [, script, whole] = lines as [unknown, Record<string, unknown>, Record<string, unknown>];
    expect(script).toMatchObject({ unit: 's', n: 1, script: 'escpos-nv-logo.ts', exit: 0 });
    expect(whole).toMatchObject({ unit: 's', n: 1, scripts: 1, failed: 0 });
    expect(script.value).toBeGreaterThan(0);
    expect(whole.value).toBeGreaterThanOrEqual(script.value as number);
    // Both are figure lines like any other: run-all's own format check did not complain.
    expect(run.stderr).not.toMatch(/malformed/);
  });
});
