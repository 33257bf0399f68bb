import { describe, expect, it } from 'vitest';
import { runPos } from '../../main/cli/pos.js';

describe('pos chaos (short variant of the 2,000 payments / 100 kills check)', () => {
  it('loses, doubles, orphans and mismatches nothing across SIGKILLs and gateway faults', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runPos(['chaos', '--payments', '100', '--kills', '5', '--seed', '7'], {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
    });
    expect(out.join(''), err.join('\n')).toMatch(
      /^payments=100 kills=5 approved=\d+ declined=\d+ reversed=\d+ lost=0 double=0 orphan=0 mismatched=0 stuck=0 overrefund=0$/,
    );
    expect(code).toBe(0);
  }, 120_000);
});
