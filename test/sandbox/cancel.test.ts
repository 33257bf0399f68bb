import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import type { GatewayEvent } from '../../src/relay/protocol.js';
import { krw, payRequest, paymentCode, requestId, useSandbox } from './fixture.js';

/** 2026-01-05 14:00 KST. */
const AFTERNOON_KST = Date.UTC(2026, 0, 5, 5, 0, 0);
/** 00:15 KST on 2026-01-06, the end of the cancel window of a payment made on the 5th. */
const WINDOW_END = Date.UTC(2026, 0, 5, 15, 15, 0);

describe('sandbox cancel (void and network cancellation, 망취소)', () => {
  const start = useSandbox();

  it('cancels a payment whose outcome is unknown; its success arriving later stays cancelled', async () => {
    const clock = new ManualClock(AFTERNOON_KST);
    const { client, gateway } = await start({ clock, pendingMs: 5_000 });
    // Alipay+ closes it at once (WeChat Pay answers recall=Y first: wallet-rules.test.ts).
    const request = payRequest({ paymentCode: paymentCode('alipay', '0091') });
    expect((await client.pay(request)).result.status).toBe('U');
    const cancel = await client.cancel({
      paymentRequestId: request.paymentRequestId,
      reason: 'NETWORK_CANCELLATION',
    });
    expect(cancel.result).toMatchObject({ status: 'S', code: 'SUCCESS' });
    clock.advance(10_000);
    gateway.resolveDue();
    expect((await client.inquire(request.paymentRequestId)).payment?.status).toBe('CANCELLED');
    expect((await client.pay(request)).result).toMatchObject({
      status: 'F',
      code: 'ORDER_IS_CLOSED',
    });
    expect(gateway.ledger().payments[0]).toMatchObject({
      status: 'CANCELLED',
      charges: 0,
      netCharged: 0,
    });
  });

  it('voids a paid payment the same day: the charge is reversed, the fee given back', async () => {
    const clock = new ManualClock(AFTERNOON_KST);
    const { client, gateway } = await start({ clock });
    const request = payRequest({ amount: 20_000 });
    await client.pay(request);
    const cancel = await client.cancel({
      paymentRequestId: request.paymentRequestId,
      reason: 'VOID',
    });
    expect(cancel.payment?.status).toBe('CANCELLED');
    const again = await client.cancel({
      paymentRequestId: request.paymentRequestId,
      reason: 'VOID',
    });
    expect(again.result.code).toBe('SUCCESS');
    const { payments, entries } = gateway.ledger();
    expect(payments[0]).toMatchObject({ charges: 1, reversals: 1, netCharged: 0 });
    expect(entries.map((e) => [e.kind, e.net])).toEqual([
      ['CHARGE', 19_600],
      ['REVERSAL', -19_600],
    ]);
  });

  it('allows cancelling until 00:15 KST the next day, then answers CANCEL_WINDOW_EXCEEDED', async () => {
    const clock = new ManualClock(AFTERNOON_KST);
    const { client } = await start({ clock });
    const early = payRequest();
    const late = payRequest();
    await client.pay(early);
    await client.pay(late);
    clock.set(WINDOW_END);
    expect(
      (await client.cancel({ paymentRequestId: early.paymentRequestId, reason: 'VOID' })).result
        .code,
    ).toBe('SUCCESS');
    clock.set(WINDOW_END + 1);
    const refused = await client.cancel({
      paymentRequestId: late.paymentRequestId,
      reason: 'VOID',
    });
    expect(refused.result).toMatchObject({ status: 'F', code: 'CANCEL_WINDOW_EXCEEDED' });
    expect(refused.payment?.status).toBe('SUCCESS');
  });

  it('closes the Alipay+ cancel window at 00:15 UTC+8 of T+1 (T in UTC+8): 01:15 KST the same night for a payment at 00:30 KST (defect 8)', async () => {
    // 2026-01-06 00:30 KST is 2026-01-05 23:30 in UTC+8: its T+1 00:15 UTC+8 is 2026-01-06 01:15 KST.
    const halfPastMidnightKst = Date.UTC(2026, 0, 5, 15, 30, 0);
    const alipayEnd = Date.UTC(2026, 0, 5, 16, 15, 0);
    const clock = new ManualClock(halfPastMidnightKst);
    const { client } = await start({ clock });
    const inTime = payRequest({ paymentCode: paymentCode('alipay') });
    const tooLate = payRequest({ paymentCode: paymentCode('alipay') });
    const wechat = payRequest({ paymentCode: paymentCode('wechat-pay') });
    for (const request of [inTime, tooLate, wechat]) expect((await client.pay(request)).result.status).toBe('S');
    clock.set(alipayEnd);
    expect((await client.cancel({ paymentRequestId: inTime.paymentRequestId, reason: 'VOID' })).result.code).toBe('SUCCESS');
    clock.set(alipayEnd + 1);
    expect((await client.cancel({ paymentRequestId: tooLate.paymentRequestId, reason: 'VOID' })).result).toMatchObject({ status: 'F', code: 'CANCEL_WINDOW_EXCEEDED' });
    // The KST rule the relay promises for the other wallets still runs to 00:15 KST the next night.
    expect((await client.cancel({ paymentRequestId: wechat.paymentRequestId, reason: 'VOID' })).result.code).toBe('SUCCESS');
  });

  it('closes a request id the gateway never saw, so a late pay with it is refused', async () => {
    const { client, gateway } = await start();
    const request = payRequest();
    const cancel = await client.cancel({
      paymentRequestId: request.paymentRequestId,
      reason: 'NETWORK_CANCELLATION',
    });
    expect(cancel.result).toMatchObject({ status: 'S', code: 'SUCCESS' });
    expect(cancel.payment).toBeUndefined();
    const late = await client.pay(request);
    expect(late.result).toMatchObject({ status: 'F', code: 'ORDER_IS_CLOSED' });
    expect(gateway.ledger().entries).toEqual([]);
  });

  it('cancels after a dropped response: the charge made before the drop is reversed', async () => {
    const { gateway, client, clientWith } = await start();
    const dropping = clientWith({
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { ...(init?.headers as object), 'x-sandbox-fault': 'drop-after' },
        }),
    });
    const request = payRequest();
    await expect(dropping.pay(request)).rejects.toMatchObject({ kind: 'connection' });
    expect(gateway.ledger().payments[0]).toMatchObject({ status: 'SUCCESS', charges: 1 });

    expect((await client.inquire(request.paymentRequestId)).payment?.status).toBe('SUCCESS');
    const cancel = await client.cancel({
      paymentRequestId: request.paymentRequestId,
      reason: 'NETWORK_CANCELLATION',
    });
    expect(cancel.payment?.status).toBe('CANCELLED');
    expect(gateway.ledger().payments[0]).toMatchObject({ charges: 1, reversals: 1, netCharged: 0 });
  });

  it('answers S for a failed payment (nothing to cancel) and refuses a payment with refunds', async () => {
    const { client } = await start();
    const declined = payRequest({ paymentCode: paymentCode('alipay', '0005') });
    await client.pay(declined);
    const cancel = await client.cancel({
      paymentRequestId: declined.paymentRequestId,
      reason: 'CASHIER_ABORT',
    });
    expect(cancel.result.code).toBe('SUCCESS');
    expect(cancel.payment?.status).toBe('FAIL');

    const paid = payRequest({ amount: 10_000 });
    await client.pay(paid);
    await client.refund({
      refundRequestId: requestId('ref'),
      paymentRequestId: paid.paymentRequestId,
      amount: krw(1_000),
    });
    const refused = await client.cancel({
      paymentRequestId: paid.paymentRequestId,
      reason: 'VOID',
    });
    expect(refused.result).toMatchObject({ status: 'F', code: 'PAYMENT_HAS_REFUNDS' });
  });

  it('pushes payment.cancelled on the event stream', async () => {
    const { client } = await start({}, { events: { initialBackoffMs: 20 } });
    const events: GatewayEvent[] = [];
    const subscription = client.subscribe((event) => events.push(event));
    try {
      const request = payRequest();
      await client.pay(request);
      await client.cancel({ paymentRequestId: request.paymentRequestId, reason: 'VOID' });
      await expect
        .poll(() => events.map((e) => e.type))
        .toEqual(['payment.succeeded', 'payment.cancelled']);
    } finally {
      subscription.close();
    }
  });
});
