import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { krw, payRequest, paymentCode, requestId, useSandbox } from './fixture.js';

describe('sandbox refunds', () => {
  const start = useSandbox();

  it('allows partial refunds up to the paid amount, then refuses with REFUND_AMOUNT_EXCEEDED', async () => {
    const { client, gateway } = await start();
    const paid = payRequest({ amount: 10_001 });
    const payment = (await client.pay(paid)).payment!;
    const refund = (value: number) =>
      client.refund({
        refundRequestId: requestId('ref'),
        paymentRequestId: paid.paymentRequestId,
        amount: krw(value),
      });

    const first = await refund(3_333);
    expect(first.result.code).toBe('SUCCESS');
    expect(first.payment?.refundedValue).toBe('3333');
    await refund(3_333);
    const beyond = await refund(3_336);
    expect(beyond.result).toMatchObject({
      status: 'F',
      code: 'REFUND_AMOUNT_EXCEEDED',
      message: expect.stringContaining('3335'),
    });
    const last = await refund(3_335);
    expect(last.payment?.refundedValue).toBe('10001');
    expect((await refund(1)).result.code).toBe('REFUND_AMOUNT_EXCEEDED');

    // The customer's CNY refunds add up to exactly what they paid.
    const { entries, payments } = gateway.ledger();
    const refunds = entries.filter((e) => e.kind === 'REFUND');
    expect(refunds.reduce((sum, e) => sum + (e.customerAmount ?? 0), 0)).toBe(
      Number(payment.customerAmount!.value),
    );
    expect(payments[0]).toMatchObject({ charges: 1, netCharged: 0, refunded: 10_001 });
  });

  it('is idempotent on refundRequestId and refuses the same id with another amount', async () => {
    const { client, gateway } = await start();
    const paid = payRequest({ amount: 8_000 });
    await client.pay(paid);
    const request = {
      refundRequestId: requestId('ref'),
      paymentRequestId: paid.paymentRequestId,
      amount: krw(2_000),
    };
    const first = await client.refund(request);
    const second = await client.refund(request);
    expect(second.result.code).toBe('SUCCESS');
    expect(second.refund?.refundId).toBe(first.refund?.refundId);
    expect(second.payment?.refundedValue).toBe('2000');
    expect((await client.refund({ ...request, amount: krw(2_500) })).result).toMatchObject({
      status: 'F',
      code: 'REPEAT_REQ_INCONSISTENT',
    });
    expect(gateway.ledger().entries.filter((e) => e.kind === 'REFUND')).toHaveLength(1);
  });

  it('retries a refund whose answer was lost with the same refundRequestId: refunded once', async () => {
    const { gateway, clientWith } = await start();
    const seen: string[] = [];
    let dropNext = true;
    const client = clientWith({
      retry: { attempts: 2, delayMs: 5 },
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        if (String(input).endsWith('/v1/refunds')) {
          seen.push(String(init?.body));
          if (dropNext) headers.set('x-sandbox-fault', 'drop-after');
          dropNext = false;
        }
        return fetch(input, { ...init, headers });
      },
    });
    const paid = payRequest({ amount: 5_000 });
    await client.pay(paid);
    const answer = await client.refund({
      refundRequestId: requestId('ref'),
      paymentRequestId: paid.paymentRequestId,
      amount: krw(5_000),
    });
    expect(answer.result.code).toBe('SUCCESS');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(gateway.ledger().entries.filter((e) => e.kind === 'REFUND')).toHaveLength(1);
  });

  it('refuses refunds of unpaid, unknown and cancelled payments', async () => {
    const { client } = await start();
    const declined = payRequest({ paymentCode: paymentCode('wechat-pay', '0051') });
    await client.pay(declined);
    const refund = (paymentRequestId: string) =>
      client.refund({ refundRequestId: requestId('ref'), paymentRequestId, amount: krw(100) });
    expect((await refund(declined.paymentRequestId)).result).toMatchObject({
      status: 'F',
      code: 'PAYMENT_NOT_PAID',
    });
    expect((await refund(requestId('none'))).result).toMatchObject({
      status: 'F',
      code: 'PAYMENT_NOT_FOUND',
    });
    const voided = payRequest();
    await client.pay(voided);
    await client.cancel({ paymentRequestId: voided.paymentRequestId, reason: 'VOID' });
    expect((await refund(voided.paymentRequestId)).result.code).toBe('PAYMENT_NOT_PAID');
  });

  it('refuses another currency, and refunds after a year (REFUND_WINDOW_EXCEEDED)', async () => {
    const clock = new ManualClock();
    const { client } = await start({ clock });
    const paid = payRequest({ amount: 3_000 });
    await client.pay(paid);
    const usd = await client.refund({
      refundRequestId: requestId('ref'),
      paymentRequestId: paid.paymentRequestId,
      amount: { currency: 'USD', value: '1' },
    });
    expect(usd.result.code).toBe('CURRENCY_NOT_SUPPORTED');
    clock.advance(366 * 86_400_000);
    const late = await client.refund({
      refundRequestId: requestId('ref'),
      paymentRequestId: paid.paymentRequestId,
      amount: krw(1_000),
    });
    expect(late.result).toMatchObject({ status: 'F', code: 'REFUND_WINDOW_EXCEEDED' });
  });
});
