import { describe, expect, it } from 'vitest';
import { buildDynamicMpm } from '../../src/codes/index.js';
import { money } from '../../src/money/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { GatewayEvent } from '../../src/relay/protocol.js';
import { TERMINAL, krw, payRequest, paymentCode, requestId, useSandbox } from './fixture.js';

/** 2026-01-05 14:00 KST. */
const AFTERNOON_KST = Date.UTC(2026, 0, 5, 5, 0, 0);

/**
 * The wallets' rules the sandbox enforces (docs/relay-protocol.md, "Wallet
 * rules and their sources"), each against the real gateway on loopback.
 */
describe('sandbox wallet rules', () => {
  const start = useSandbox();

  it('spends a customer code on its first pay whatever the result, and refuses it after its life', async () => {
    const clock = new ManualClock(AFTERNOON_KST);
    const { client, gateway } = await start({ clock, codeValidMs: 60_000 });
    const code = paymentCode('wechat-pay', '0051');
    expect((await client.pay(payRequest({ paymentCode: code }))).result.code).toBe('USER_BALANCE_NOT_ENOUGH');
    const reused = await client.pay(payRequest({ paymentCode: code }));
    expect(reused.result).toMatchObject({ status: 'F', code: 'PAYMENT_CODE_EXPIRED', message: expect.stringContaining('already used') });
    // A repeat of the same request is not a reuse: it gets its first answer.
    const first = payRequest();
    expect((await client.pay(first)).result.code).toBe('SUCCESS');
    expect((await client.pay(first)).result.code).toBe('SUCCESS');

    const shown = gateway.customer.showPaymentCode('alipay');
    clock.advance(61_000);
    const stale = await client.pay(payRequest({ paymentCode: shown.code }));
    expect(stale.result).toMatchObject({ status: 'F', code: 'PAYMENT_CODE_EXPIRED', message: expect.stringContaining('expired') });
    const fresh = gateway.customer.showPaymentCode('alipay');
    expect((await client.pay(payRequest({ paymentCode: fresh.code }))).result.code).toBe('SUCCESS');
    expect(gateway.ledger().entries.filter((e) => e.kind === 'CHARGE')).toHaveLength(2);
  });

  it('learns the outcome of a password wait only by inquiry: nothing is pushed on the event stream', async () => {
    const { client, gateway } = await start({ pendingMs: 100, sweepMs: 20 }, { events: { initialBackoffMs: 20 } });
    const events: GatewayEvent[] = [];
    const subscription = client.subscribe((event) => events.push(event));
    try {
      const waiting = payRequest({ paymentCode: paymentCode('wechat-pay', '0091') });
      expect((await client.pay(waiting)).result).toMatchObject({ status: 'U', code: 'PAYMENT_IN_PROCESS' });
      await expect.poll(() => gateway.ledger().payments[0]?.status, { timeout: 5_000 }).toBe('SUCCESS');
      expect((await client.inquire(waiting.paymentRequestId)).payment?.status).toBe('SUCCESS');
      // An order code's payment is pushed: the stream works, the CPM outcome was simply not on it.
      const order = { paymentRequestId: requestId('mpm'), amount: krw(3_000), orderTitle: 'Tea', billNumber: 'B-1', expireSeconds: 60 };
      await client.createOrderCode(order);
      gateway.customer.pay({ paymentRequestId: order.paymentRequestId, wallet: 'zeropay' });
      await expect.poll(() => events.map((e) => e.payment.paymentRequestId), { timeout: 5_000 }).toContain(order.paymentRequestId);
      expect(events.map((e) => e.payment.paymentRequestId)).not.toContain(waiting.paymentRequestId);
    } finally {
      subscription.close();
    }
  });

  it('refuses a WeChat Pay reverse sooner than 15 s after the order, and answers recall=Y while the customer is still paying', async () => {
    const clock = new ManualClock(AFTERNOON_KST);
    const { client, gateway } = await start({ clock, pendingMs: 60_000, earliestCancelMs: 15_000 });
    const paid = payRequest();
    await client.pay(paid);
    const early = await client.cancel({ paymentRequestId: paid.paymentRequestId, reason: 'VOID' });
    expect(early).toMatchObject({ result: { status: 'F', code: 'CANCEL_TOO_EARLY' }, recall: true });
    expect(gateway.ledger().payments[0]).toMatchObject({ status: 'SUCCESS', netCharged: 15_000 });
    clock.advance(15_000);
    expect((await client.cancel({ paymentRequestId: paid.paymentRequestId, reason: 'VOID' })).result.code).toBe('SUCCESS');

    const typing = payRequest({ paymentCode: paymentCode('wechat-pay', '0091') });
    await client.pay(typing);
    clock.advance(15_000);
    const first = await client.cancel({ paymentRequestId: typing.paymentRequestId, reason: 'NETWORK_CANCELLATION' });
    expect(first).toMatchObject({ result: { status: 'U' }, recall: true });
    const again = await client.cancel({ paymentRequestId: typing.paymentRequestId, reason: 'NETWORK_CANCELLATION' });
    expect(again.result.code).toBe('SUCCESS');
    expect(again.recall).toBeUndefined();
    expect(again.payment?.status).toBe('CANCELLED');
    // Other wallets have no such rule.
    const alipay = payRequest({ paymentCode: paymentCode('alipay') });
    await client.pay(alipay);
    expect((await client.cancel({ paymentRequestId: alipay.paymentRequestId, reason: 'VOID' })).result.code).toBe('SUCCESS');
  });

  it('answers U on cancel and refund, processed or not, and a resend with the same id settles it', async () => {
    const { client, gateway } = await start();
    const voided = payRequest({ paymentCode: paymentCode('alipay') });
    await client.pay(voided);
    gateway.setFaults({ rules: [{ fault: 'unknown-after', operations: ['cancel', 'refund'] }] });
    const cancel = await client.cancel({ paymentRequestId: voided.paymentRequestId, reason: 'VOID' });
    expect(cancel.result).toMatchObject({ status: 'U', code: 'UNKNOWN_EXCEPTION' });
    const refunded = payRequest({ paymentCode: paymentCode('alipay') });
    await client.pay(refunded);
    const refund = { refundRequestId: requestId('ref'), paymentRequestId: refunded.paymentRequestId, amount: krw(5_000) };
    expect((await client.refund(refund)).result.status).toBe('U');
    gateway.setFaults({ rules: [{ fault: 'unknown-before', operations: ['refund'] }] });
    const notHandled = { refundRequestId: requestId('ref'), paymentRequestId: refunded.paymentRequestId, amount: krw(1_000) };
    expect((await client.refund(notHandled)).result.status).toBe('U');
    gateway.setFaults({ rules: [] });
    expect((await client.inquireRefund(notHandled)).result.code).toBe('REFUND_NOT_FOUND');
    expect((await client.inquireRefund(refund)).refund?.status).toBe('SUCCESS');
    expect((await client.refund(refund)).result.code).toBe('SUCCESS');
    expect((await client.cancel({ paymentRequestId: voided.paymentRequestId, reason: 'VOID' })).payment?.status).toBe('CANCELLED');
    const kinds = gateway.ledger().entries.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'REFUND')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'REVERSAL')).toHaveLength(1);
  });

  it('completes a refund asynchronously: PROCESSING first, SUCCESS later, the money held meanwhile', async () => {
    const clock = new ManualClock(AFTERNOON_KST);
    const { client, gateway } = await start({ clock });
    const paid = payRequest({ amount: 10_000 });
    await client.pay(paid);
    gateway.setFaults({ rules: [{ fault: 'refund-processing', value: 30_000 }] });
    const refund = { refundRequestId: requestId('ref'), paymentRequestId: paid.paymentRequestId, amount: krw(6_000) };
    const accepted = await client.refund(refund);
    expect(accepted).toMatchObject({ result: { status: 'U', code: 'REFUND_IN_PROCESS' }, refund: { status: 'PROCESSING' } });
    expect((await client.inquireRefund(refund)).refund?.status).toBe('PROCESSING');
    gateway.setFaults({ rules: [] });
    // What is processing is held: 4,001 would refund more than was paid.
    const over = { refundRequestId: requestId('ref'), paymentRequestId: paid.paymentRequestId, amount: krw(4_001) };
    expect((await client.refund(over)).result.code).toBe('REFUND_AMOUNT_EXCEEDED');
    expect((await client.cancel({ paymentRequestId: paid.paymentRequestId, reason: 'VOID' })).result.code).toBe('PAYMENT_HAS_REFUNDS');
    expect(gateway.ledger().entries.filter((e) => e.kind === 'REFUND')).toHaveLength(0);
    clock.advance(30_000);
    const done = await client.inquireRefund(refund);
    expect(done).toMatchObject({ result: { status: 'S' }, refund: { status: 'SUCCESS' }, payment: { refundedValue: '6000' } });
    expect((await client.refund(refund)).result.code).toBe('SUCCESS');
    expect(gateway.ledger().entries.filter((e) => e.kind === 'REFUND')).toHaveLength(1);
  });

  it('refuses an offline bill paid after the validity its QR carries', async () => {
    const clock = new ManualClock(AFTERNOON_KST);
    const { gateway } = await start({ clock });
    const merchant = { merchantName: 'TEST', merchantCity: 'SEOUL', countryCode: 'KR', merchantCategoryCode: '5999', account: { templateId: '26', gui: 'KR.SANDBOX.RELAY' }, terminalLabel: TERMINAL };
    const bill = (billNumber: string) =>
      buildDynamicMpm(merchant, { amount: money(4_000, 'KRW'), billNumber, validUntil: clock.now() + 600_000 });
    const inTime = bill('T01B00000001');
    const late = bill('T01B00000002');
    clock.advance(599_000);
    expect(gateway.customer.pay({ qrPayload: inTime, wallet: 'zeropay' }).result.code).toBe('SUCCESS');
    clock.advance(2_000);
    expect(gateway.customer.pay({ qrPayload: late, wallet: 'zeropay' }).result).toMatchObject({ status: 'F', code: 'ORDER_EXPIRED' });
    expect(gateway.ledger().entries.filter((e) => e.kind === 'CHARGE')).toHaveLength(1);
  });

  it('takes at most 50 refunds of one payment', async () => {
    const { client } = await start();
    const paid = payRequest({ amount: 100 });
    await client.pay(paid);
    const refund = () => client.refund({ refundRequestId: requestId('ref'), paymentRequestId: paid.paymentRequestId, amount: krw(1) });
    for (let i = 0; i < 50; i++) expect((await refund()).result.code).toBe('SUCCESS');
    expect((await refund()).result).toMatchObject({ status: 'F', code: 'REFUND_COUNT_EXCEEDED' });
  });
});
