/**
 * Scripts in bench/ that `npm run bench` does not run: itself, and the ones run on their own
 * (bench/README.md): the reliability report, and the projection comparison, which on the year
 * journal is minutes of CPU (about 26 µs a row, 4 million rows).
 */
const ON_THEIR_OWN = new Set(['run-all.ts', 'reliability.ts', 'projection-check.ts']);

/** The benchmark scripts among `files` that `npm run bench` runs, in name order; with `words`, those whose names contain one. */
export function benchScripts(files: readonly string[], words: readonly string[]): string[] {
  return files
    .filter((f) => f.endsWith('.ts') && !ON_THEIR_OWN.has(f))
    .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
    .sort();
}
