import { describe, expect, it } from 'vitest';
import { runPos } from '../../main/cli/pos.js';

const MONEY_WHOLE = 'lost=0 double=0 orphan=0 mismatched=0 stuck=0 overrefund=0';

/**
 * The short variant of the crash matrix (issue 12, Deliver 4): one flow, a
 * split tender, run through once and killed (SIGKILL) once, right after the
 * commit that journals the wallet payment as requested, before the request
 * leaves; the restarted till must inquire, settle and keep the books whole.
 * The whole matrix, every commit of every flow, is
 * `npm run -s pos -- chaos --matrix --faults none` (figures in docs/reliability.md).
 */
describe('pos chaos --matrix, crash cells', () => {
  it('kills the till after a committed step, restarts it and finds the money whole', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runPos(['chaos', '--matrix', '--faults', 'none', '--flows', 'split-tender', '--stride', '3'], {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
    });
    const lines = out.join('').trim().split('\n');
    // 4 commits when the wallet answers in time; up to 7 under load, when the pay times out and is inquired
    // (then a third cell kills after commit 6).
    const commits = Number(/^crash=split-tender step=0\/(\d+) after=none /.exec(lines[0] ?? '')?.[1]);
    expect(commits, err.join('\n')).toBeGreaterThanOrEqual(4);
    expect(lines).toHaveLength(1 + Math.floor(commits / 3));
    expect(lines[1]).toMatch(/^crash=split-tender step=3\/\d+ after=tender\.state:created\+tender\.state:requested payments=1 kills=1 /);
    for (const line of lines) expect(line, err.join('\n')).toMatch(new RegExp(`^crash=split-tender step=\\d+/${commits} after=\\S+ payments=1 kills=[01] .* ${MONEY_WHOLE}$`));
    expect(err.join('\n')).toMatch(new RegExp(`crash matrix: ${lines.length} cells, \\d kills, \\d+ s; commits per flow: split-tender ${commits}`));
    expect(code).toBe(0);
  }, 180_000);

  it('refuses crash-cell options outside --matrix and an unknown flow by name', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => void err.push(t) };
    expect(await runPos(['chaos', '--flows', 'void'], io)).not.toBe(0);
    expect(await runPos(['chaos', '--matrix', '--flows', 'void,teleport'], io)).not.toBe(0);
    expect(err.join('\n')).toMatch(/choose the cells of --matrix[\s\S]*unknown crash flow teleport/);
  });
});
