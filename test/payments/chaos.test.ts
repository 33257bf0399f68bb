import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAOS_FAULTS } from '../../main/chaos/chaos-faults.js';
import { runPos } from '../../main/cli/pos.js';

const TALLY = 'payments=\\d+ kills=\\d+ approved=\\d+ declined=\\d+ reversed=\\d+ lost=0 double=0 orphan=0 mismatched=0 stuck=0 overrefund=0';

describe('pos chaos (short variant of the 2,000 payments / 100 kills check)', () => {
  it('loses, doubles, orphans and mismatches nothing across SIGKILLs and every gateway fault', async () => {
    const out: string[] = [];
    const err: string[] = [];
    // Seed 1's first 100 sales hold every offline customer (after expiry at sale 6, so its 30 s wait
    // overlaps the rest), two day turns with a Z, and 12 refunds or voids (chaos-plan.ts).
    const code = await runPos(['chaos', '--payments', '100', '--kills', '5', '--seed', '1'], {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
    });
    expect(out.join(''), err.join('\n')).toMatch(new RegExp(`^${TALLY.replace('payments=\\d+ kills=\\d+', 'payments=100 kills=5')}$`));
    expect(code).toBe(0);
    // The run exercised the families it claims: Zs mid-payment, offline QRs, refunds and voids.
    expect(err.join('\n')).toMatch(/zs=[1-9]\d* offline=[1-9]\d* .* refunds=[1-9]/);
  }, 180_000);

  // Each cell is one start of the bundled worker without kills (the test above kills with every family
  // on): a sandbox and a worker start per family are most of its time on a loaded machine.
  it('--matrix runs each fault family alone and all together, each cell reconciled', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runPos(['chaos', '--matrix', '--flows', 'none', '--payments', '8', '--kills', '0', '--seed', '11'], {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
    });
    const lines = out.join('').trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0]), err.join('\n')).toEqual([...CHAOS_FAULTS, 'all'].map((f) => `faults=${f}`));
    for (const line of lines) expect(line, err.join('\n')).toMatch(new RegExp(`^faults=[a-z-]+ ${TALLY}$`));
    expect(code).toBe(0);
  }, 240_000);

  it('--keep leaves the run\'s till and gateway databases for reading a problem\'s trail', async () => {
    const err: string[] = [];
    const code = await runPos(['chaos', '--payments', '2', '--kills', '0', '--seed', '3', '--keep'], {
      out: () => undefined,
      err: (t) => void err.push(t),
    });
    const dir = /chaos: data kept in (\S+)/.exec(err.join('\n'))?.[1];
    expect(dir, err.join('\n')).toBeDefined();
    try {
      expect(code).toBe(0);
      expect(existsSync(join(dir!, 'till.db')) && existsSync(join(dir!, 'gateway.db'))).toBe(true);
    } finally {
      rmSync(dir!, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses an unknown fault family by name', async () => {
    const err: string[] = [];
    const code = await runPos(['chaos', '--faults', 'network,gremlins'], { out: () => undefined, err: (t) => void err.push(t) });
    expect(code).not.toBe(0);
    expect(err.join('\n')).toMatch(/unknown chaos fault gremlins/);
  });
});
