import { describe, expect, it } from 'vitest';
import {
  RESULT_HOLD_MS,
  customerDisplayViewSchema,
  initialDisplayState,
  reduceDisplay,
  secondsLeft,
} from '../../src/devices/customer-display.js';
import { money } from '../../src/money/money.js';

describe('customer display reducer', () => {
  const t0 = Date.UTC(2026, 0, 5, 1, 0, 0);

  it('follows a sale through MPM payment to the result and back to idle', () => {
    let state = initialDisplayState(t0, 'ko', '행복 분식');
    state = reduceDisplay(state, { type: 'language', language: 'zh' }, t0);
    state = reduceDisplay(
      state,
      {
        type: 'sale',
        items: [{ name: '김밥', quantity: 2, amount: money(7000) }],
        total: money(7000),
      },
      t0 + 1,
    );
    expect(state.view).toMatchObject({ kind: 'sale', language: 'zh', total: { minor: 7000 } });

    state = reduceDisplay(
      state,
      { type: 'mpm', qrPayload: '000201010212', amount: money(7000), expiresAt: t0 + 180_000 },
      t0 + 2,
    );
    expect(state.view.kind).toBe('mpm');
    expect(secondsLeft(state.view as Extract<typeof state.view, { kind: 'mpm' }>, t0 + 2)).toBe(
      180,
    );

    state = reduceDisplay(
      state,
      { type: 'result', outcome: 'approved', amount: money(7000) },
      t0 + 60_000,
    );
    expect(state.view).toEqual({
      kind: 'result',
      language: 'zh',
      outcome: 'approved',
      amount: money(7000),
    });
    expect(reduceDisplay(state, { type: 'tick' }, t0 + 60_000 + RESULT_HOLD_MS - 1)).toBe(state);

    state = reduceDisplay(state, { type: 'tick' }, t0 + 60_000 + RESULT_HOLD_MS);
    expect(state.view).toEqual({ kind: 'idle', language: 'zh', shopName: '행복 분식' });
  });

  it('turns an unpaid MPM code into a cancelled result when it expires', () => {
    let state = reduceDisplay(
      initialDisplayState(t0),
      { type: 'mpm', qrPayload: 'x', amount: money(1000), expiresAt: t0 + 5000 },
      t0,
    );
    expect(reduceDisplay(state, { type: 'tick' }, t0 + 4999)).toBe(state);
    state = reduceDisplay(state, { type: 'tick' }, t0 + 5000);
    expect(state.view).toEqual({
      kind: 'result',
      language: 'ko',
      outcome: 'cancelled',
      amount: money(1000),
      reason: 'expired',
    });
  });

  it('counts down in whole seconds and stops at zero', () => {
    const view = {
      kind: 'mpm' as const,
      language: 'en' as const,
      qrPayload: 'x',
      amount: money(1),
      expiresAt: t0 + 1500,
    };
    expect(secondsLeft(view, t0)).toBe(2);
    expect(secondsLeft(view, t0 + 1500)).toBe(0);
    expect(secondsLeft(view, t0 + 9000)).toBe(0);
  });

  it('validates views at the boundary', () => {
    expect(customerDisplayViewSchema.safeParse({ kind: 'idle', language: 'ja' }).success).toBe(
      false,
    );
    expect(
      customerDisplayViewSchema.safeParse({
        kind: 'mpm',
        language: 'ko',
        qrPayload: 'x'.repeat(513),
        amount: money(1),
        expiresAt: 0,
      }).success,
    ).toBe(false);
    expect(
      customerDisplayViewSchema.safeParse({
        kind: 'sale',
        language: 'en',
        items: [{ name: 'Tea', quantity: 1.5, amount: money(1) }],
        total: money(1),
      }).success,
    ).toBe(false);
  });
});
