import { describe, expect, it } from 'vitest';
import { fuzz, mutate } from '../../../bench/reliability/fuzz-engine.js';
import { fuzzTargets } from '../../../bench/reliability/fuzz-targets.js';
import { runFuzzing } from '../../../bench/reliability/fuzzing.js';
import { mulberry32 } from '../../../sandbox/faults.js';

class TypedRefusal extends Error {}

describe('fuzzing check', () => {
  it('mutates seeds the same way for the same seed', () => {
    const seeds = [Uint8Array.from(Buffer.from('000201010212'))];
    const a = Array.from({ length: 20 }, () => null).map((_, i) => mutate(seeds, mulberry32(i)));
    const b = Array.from({ length: 20 }, () => null).map((_, i) => mutate(seeds, mulberry32(i)));
    expect(a).toEqual(b);
  });

  it('runs every real parser on a few hundred cases without a crash', async () => {
    const result = await runFuzzing({ seed: 5, scale: 0.003 });
    expect(result).toMatchObject({ name: 'fuzzing', ok: true, crashes: 0 });
    const parsers = result.parsers as Record<string, { cases: number; crashes: number }>;
    expect(Object.keys(parsers)).toEqual(fuzzTargets().map((t) => t.name));
    for (const counts of Object.values(parsers)) expect(counts.cases).toBeGreaterThan(0);
  });

  it('counts typed refusals as refused and anything else thrown as a crash', () => {
    const target = {
      name: 'planted',
      seeds: [Uint8Array.of(1, 2, 3)],
      run: (input: Uint8Array) => {
        if (input.length % 3 === 0) throw new TypedRefusal('refused');
        if (input.length % 3 === 1) throw new TypeError('cannot read properties of undefined');
      },
      isTypedError: (error: unknown) => error instanceof TypedRefusal,
    };
    const result = fuzz(target, 300, 9);
    expect(result.cases).toBe(300);
    expect(result.refused).toBeGreaterThan(0);
    expect(result.crashes).toBeGreaterThan(0);
    expect(result.accepted + result.refused + result.crashes).toBe(300);
    expect(result.examples[0]).toMatch(
      /^planted: TypeError: cannot read properties of undefined on /,
    );
  });

  it('fails the check when a planted parser crashes', async () => {
    const broken = {
      name: 'broken-parser',
      seeds: [Uint8Array.of(0x30, 0x30)],
      run: (input: Uint8Array) => void input[input.length + 5]!.toFixed(),
      isTypedError: () => false,
    };
    const result = await runFuzzing({ seed: 1, scale: 0.001, targets: [broken] });
    expect(result.ok).toBe(false);
    expect(result.crashes).toBe(result.cases);
    expect(result.problems.length).toBeGreaterThan(0);
  });
});
