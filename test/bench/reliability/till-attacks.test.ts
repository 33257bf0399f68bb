import { describe, expect, it } from 'vitest';
import { combineAttacks, runTillAttacks } from '../../../bench/reliability/till-attacks.js';

describe('till-side attacks (issue 14)', () => {
  it('tries each attack and the till accepts none', async () => {
    const result = await runTillAttacks();
    expect(result).toMatchObject({ name: 'till_attacks', ok: true, accepted: 0 });
    const byAttack = result.byAttack as Record<string, { tried: number; accepted: number }>;
    for (const attack of [
      'unsigned-answer',
      'forged-answer',
      'stale-answer',
      'replayed-answer',
      'mismatched-approval-id',
      'mismatched-approval-amount',
      'mismatched-approval-currency',
      'http-gateway',
      'pin-brute-force',
      'crafted-long-code',
      'chain-tampering',
      'projection-tampering',
      'z-forgery',
      'csv-formula',
      'render-bomb',
      'malformed-frames',
      'display-token-escalation',
      'offline-qr-unvouched',
      'fake-event-stream',
    ]) {
      expect(byAttack[attack]?.tried, attack).toBeGreaterThan(0);
      expect(byAttack[attack]?.accepted, attack).toBe(0);
    }
    expect(byAttack['pin-brute-force']!.tried).toBe(3_000);
  });

  it('combines reports into one attacks line, failing when any attack was accepted', () => {
    const line = combineAttacks(
      { name: 'a', ok: true, seconds: 1, problems: [], tried: 3, accepted: 0, byAttack: { x: { tried: 3, accepted: 0 } } },
      { name: 'b', ok: false, seconds: 2, problems: ['y: accepted'], tried: 2, accepted: 1, byAttack: { y: { tried: 2, accepted: 1 } } },
    );
    expect(line).toMatchObject({ name: 'attacks', ok: false, tried: 5, accepted: 1, byAttack: { x: { tried: 3 }, y: { accepted: 1 } } });
  });
});
