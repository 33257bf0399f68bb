import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TENDER_STATES, allTransitions, canTransition, countsAsPaid, isInFlight } from '../../src/payments/payment-states.js';

describe('payment state machine', () => {
  it('never lets a final failure or a reversal become a charge kept', () => {
    expect(canTransition('declined', 'approved')).toBe(false);
    expect(canTransition('reversed', 'approved')).toBe(false);
    expect(canTransition('reversing', 'approved')).toBe(false);
    expect(canTransition('unknown', 'declined')).toBe(false);
    expect(canTransition(null, 'requested')).toBe(false);
    expect(canTransition('pending-confirmation', 'refunded')).toBe(false);
  });

  it('reaches every state from a new tender', () => {
    const reached = new Set<string>();
    const queue: Array<string | null> = [null];
    while (queue.length) {
      const from = queue.shift()!;
      for (const [f, to] of allTransitions()) {
        if (f === from && !reached.has(to)) {
          reached.add(to);
          queue.push(to);
        }
      }
    }
    expect([...reached].sort()).toEqual([...TENDER_STATES].sort());
  });

  it('keeps in-flight and paid apart', () => {
    for (const state of TENDER_STATES) expect(isInFlight(state) && countsAsPaid(state)).toBe(false);
  });

  it('is documented transition by transition in docs/payments.md', () => {
    const doc = readFileSync(new URL('../../docs/payments.md', import.meta.url), 'utf8');
    for (const [from, to] of allTransitions()) {
      expect(doc, `${from ?? '(new)'} → ${to}`).toContain(`| ${from ?? '(new)'} | ${to} |`);
    }
  });
});
