import { type CheckReport, elapsed, report } from './check-report.js';
import { type FuzzResult, type FuzzTarget, fuzz } from './fuzz-engine.js';
import { fuzzTargets } from './fuzz-targets.js';

/**
 * Check (c): fuzzing. Each parser gets its share of cases; one line reports
 * cases and crashes per parser. A crash is anything thrown other than the
 * parser's own typed error (a TypeError from a bad index, a RangeError from
 * a huge length, a polluted prototype).
 */

/** Cases per parser by default: the ESC/POS decoder reads a whole receipt per case, so it gets fewer. */
export const DEFAULT_CASES: Record<string, number> = {
  'emv-mpm': 100_000,
  'emv-cpm': 100_000,
  'payment-code-classify': 100_000,
  'escpos-decoder': 20_000,
  'scanner-hid-report': 100_000,
  'sse-parser': 50_000,
  'contract-input': 30_000,
};

export interface FuzzingOptions {
  seed: number;
  /** Multiplies every parser's default case count (0.01 for a smoke test). */
  scale?: number;
  /** Parsers to fuzz instead of the real ones (tests plant a broken one). */
  targets?: FuzzTarget[];
}

/** Fuzzes every parser and reports cases and crashes. */
export async function runFuzzing(options: FuzzingOptions): Promise<CheckReport> {
  const started = performance.now();
  const targets = options.targets ?? fuzzTargets();
  const parsers: Record<string, Omit<FuzzResult, 'examples'>> = {};
  const problems: string[] = [];
  let cases = 0;
  let crashes = 0;
  for (const [index, target] of targets.entries()) {
    const planned = Math.max(
      1,
      Math.round((DEFAULT_CASES[target.name] ?? 10_000) * (options.scale ?? 1)),
    );
    const { examples, ...counts } = fuzz(target, planned, options.seed + index);
    parsers[target.name] = counts;
    cases += counts.cases;
    crashes += counts.crashes;
    problems.push(...examples);
    // Let timers and I/O of other checks breathe between parsers.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return report(
    'fuzzing',
    { seed: options.seed, cases, crashes, parsers },
    problems,
    elapsed(started),
  );
}
