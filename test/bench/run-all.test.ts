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
