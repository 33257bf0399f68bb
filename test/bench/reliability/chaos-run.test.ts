import { describe, expect, it } from 'vitest';
import {
  ChaosSummaryError,
  chaosProblems,
  parseChaosSummary,
  runChaosCheck,
} from '../../../bench/reliability/chaos-run.js';

const CLEAN =
  'payments=40 kills=4 approved=31 declined=5 reversed=4 lost=0 double=0 orphan=0 mismatched=0';

/**
 * A stand-in for `pos chaos` that prints `line` on stdout, `err` on stderr
 * (where the real command prints its problem lines) and exits with `code`.
 */
const planted = (line: string, code: number, err: string[] = []) => ({
  file: process.execPath,
  args: [
    '-e',
    `${err.map((e) => `console.error(${JSON.stringify(e)});`).join('')} console.log(${JSON.stringify(line)}); process.exit(${code})`,
  ],
});

describe('chaos check', () => {
  it('reads the tally line among progress output', () => {
    expect(parseChaosSummary(`chaos: 4 kills\n${CLEAN}\n`)).toEqual({
      payments: 40,
      kills: 4,
      approved: 31,
      declined: 5,
      reversed: 4,
      lost: 0,
      double: 0,
      orphan: 0,
      mismatched: 0,
    });
  });

  it('refuses output without a tally or with a count missing', () => {
    expect(() => parseChaosSummary('chaos: crashed\n')).toThrow(ChaosSummaryError);
    expect(() => parseChaosSummary('payments=40 kills=4 lost=0 double=0 orphan=0')).toThrow(
      /mismatched/,
    );
  });

  it('names every loss, double, orphan, mismatch, short run and bad exit', () => {
    const tally = parseChaosSummary(
      CLEAN.replace('lost=0', 'lost=2').replace('double=0', 'double=1'),
    );
    expect(chaosProblems(tally, 1, { payments: 50, kills: 4 })).toEqual([
      'lost=2',
      'double=1',
      'ran 40 of 50 planned payments',
      'pos chaos exited 1',
    ]);
    expect(chaosProblems(parseChaosSummary(CLEAN), 0, { payments: 40, kills: 4 })).toEqual([]);
    const stuck = parseChaosSummary(`${CLEAN} stuck=2 overrefund=1`);
    expect(chaosProblems(stuck, 1, { payments: 40, kills: 4 })).toEqual([
      'stuck=2',
      'overrefund=1',
      'pos chaos exited 1',
    ]);
  });

  it('reports a clean run as ok and a planted loss as a failure', async () => {
    const clean = await runChaosCheck({
      payments: 40,
      kills: 4,
      seed: 1,
      command: planted(CLEAN, 0),
    });
    expect(clean).toMatchObject({ name: 'chaos', ok: true, payments: 40, lost: 0, double: 0 });
    const lossy = await runChaosCheck({
      payments: 40,
      kills: 4,
      seed: 1,
      command: planted(CLEAN.replace('lost=0', 'lost=1'), 1),
    });
    expect(lossy).toMatchObject({ ok: false, lost: 1 });
    expect(lossy.problems).toContain('lost=1');
  });

  it('carries the problem lines pos chaos prints, so an orphan names its request', async () => {
    const detail = 'orphan: 7f3c-req charged 4500 at the gateway, declined at the till';
    const orphaned = await runChaosCheck({
      payments: 40,
      kills: 4,
      seed: 1,
      command: planted(CLEAN.replace('orphan=0', 'orphan=1'), 1, [
        'chaos: 10 kills, 12/40 sales',
        detail,
        'chaos: 5 worker starts, 3.0 s; coverage …',
      ]),
    });
    expect(orphaned).toMatchObject({ ok: false, orphan: 1 });
    expect(orphaned.problems).toEqual([detail, 'orphan=1', 'pos chaos exited 1']);
  });

  it('keeps problem lines printed before a long stderr tail', async () => {
    const detail = 'lost: sale 3 is missing';
    const noisy = Array.from({ length: 200 }, (_, i) => `chaos: progress line ${i} `.padEnd(60, '.'));
    const lossy = await runChaosCheck({
      payments: 40,
      kills: 4,
      seed: 1,
      command: planted(CLEAN.replace('lost=0', 'lost=1'), 1, [detail, ...noisy]),
    });
    expect(lossy.problems).toContain(detail);
  });

  it('reports a command that dies without a tally as a crash', async () => {
    const dead = await runChaosCheck({
      payments: 40,
      kills: 4,
      seed: 1,
      command: planted('Segmentation fault', 139),
    });
    expect(dead).toMatchObject({ ok: false, crashed: 1 });
    expect(dead.problems[0]).toMatch(/no "payments=… lost=…" line \(exit 139/);
  });

  it('runs the real pos chaos command on a few payments', async () => {
    const run = await runChaosCheck({ payments: 4, kills: 1, seed: 3 });
    expect(run).toMatchObject({
      name: 'chaos',
      ok: true,
      payments: 4,
      kills: 1,
      lost: 0,
      double: 0,
      orphan: 0,
      mismatched: 0,
    });
  }, 120_000);
});
