import { describe, expect, it } from 'vitest';
import { buildDynamicMpm, parseEmvMpm } from '../../src/codes/index.js';
import { money } from '../../src/money/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { GatewayEvent } from '../../src/relay/protocol.js';
import { TERMINAL, krw, payRequest, requestId, useSandbox } from './fixture.js';

function orderRequest(
  overrides: { amount?: number; billNumber?: string; expireSeconds?: number } = {},
) {
  return {
    paymentRequestId: requestId('ord'),
    amount: krw(overrides.amount ?? 6_500),
    orderTitle: 'Latte',
    billNumber: overrides.billNumber ?? 'B-0001',
    expireSeconds: overrides.expireSeconds ?? 180,
  };
}

/** The merchant QR a till labelled `terminalLabel` builds offline (amount + bill number, no order behind it). */
function offlineQr(terminalLabel: string, amount: number, billNumber: string): string {
  return buildDynamicMpm(
    {
      merchantName: 'COUNTER SANDBOX STORE',
      merchantCity: 'SEOUL',
      countryCode: 'KR',
      merchantCategoryCode: '5411',
      account: { templateId: '26', gui: 'KR.SANDBOX.RELAY' },
      terminalLabel,
    },
    { amount: money(amount, 'KRW'), billNumber },
  );
}

async function customerPay(url: string, body: object) {
  const response = await fetch(`${url}/sandbox/customer/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as {
    result: { status: string; code: string };
    payment?: { status: string; wallet?: string; paymentRequestId: string };
  };
}

describe('sandbox order codes (MPM) and the customer phone', () => {
  const start = useSandbox();

  it('creates a dynamic EMV MPM code with amount, bill number and expiry; creating it again returns the same code', async () => {
    const clock = new ManualClock();
    const { client } = await start({ clock });
    const request = orderRequest({ amount: 6_500, expireSeconds: 120 });
    const answer = await client.createOrderCode(request);
    expect(answer.result.code).toBe('SUCCESS');
    expect(answer.orderCode?.expiresAt).toBe(new Date(clock.now() + 120_000).toISOString());
    const mpm = parseEmvMpm(answer.orderCode!.qrPayload);
    expect(mpm).toMatchObject({
      pointOfInitiation: 'dynamic',
      transactionCurrency: '410',
      transactionAmount: '6500',
      countryCode: 'KR',
    });
    expect(mpm.additionalData?.billNumber).toBe('B-0001');
    expect((await client.createOrderCode(request)).orderCode?.qrPayload).toBe(
      answer.orderCode?.qrPayload,
    );
    expect((await client.createOrderCode({ ...request, amount: krw(7_000) })).result.code).toBe(
      'REPEAT_REQ_INCONSISTENT',
    );
  });

  it('the customer pays by request id on the phone; the till hears payment.succeeded', async () => {
    const { client, gateway } = await start({}, { events: { initialBackoffMs: 20 } });
    const events: GatewayEvent[] = [];
    const subscription = client.subscribe((event) => events.push(event));
    try {
      const request = orderRequest({ amount: 10_000 });
      await client.createOrderCode(request);
      const paid = await customerPay(gateway.url, {
        paymentRequestId: request.paymentRequestId,
        wallet: 'alipay',
      });
      expect(paid.result.code).toBe('SUCCESS');
      await expect.poll(() => events.map((e) => e.type)).toEqual(['payment.succeeded']);
      expect(events[0]?.payment).toMatchObject({
        paymentRequestId: request.paymentRequestId,
        wallet: 'alipay',
        customerAmount: { currency: 'CNY', value: '5100' },
      });
      expect(
        (await customerPay(gateway.url, { paymentRequestId: request.paymentRequestId })).result
          .code,
      ).toBe('ORDER_IS_CLOSED');
    } finally {
      subscription.close();
    }
  });

  it('the customer pays by scanning the exact QR payload', async () => {
    const { client, gateway } = await start();
    const request = orderRequest();
    const { orderCode } = await client.createOrderCode(request);
    const paid = await customerPay(gateway.url, {
      qrPayload: orderCode!.qrPayload,
      wallet: 'wechat-pay',
    });
    expect(paid.payment).toMatchObject({
      status: 'SUCCESS',
      wallet: 'wechat-pay',
      paymentRequestId: request.paymentRequestId,
    });
    expect((await client.inquire(request.paymentRequestId)).payment?.status).toBe('SUCCESS');
  });

  it('an unpaid order code expires (ORDER_EXPIRED); a cancelled one is closed (ORDER_IS_CLOSED)', async () => {
    const clock = new ManualClock();
    const { client, gateway } = await start({ clock });
    const expiring = orderRequest({ expireSeconds: 60 });
    const cancelled = orderRequest({ expireSeconds: 600 });
    await client.createOrderCode(expiring);
    await client.createOrderCode(cancelled);
    expect(gateway.customer.openOrderCodes()).toHaveLength(2);
    await client.cancel({ paymentRequestId: cancelled.paymentRequestId, reason: 'CASHIER_ABORT' });
    clock.advance(61_000);
    expect((await client.inquire(expiring.paymentRequestId)).payment).toMatchObject({
      status: 'FAIL',
      failCode: 'ORDER_EXPIRED',
    });
    expect(
      (await customerPay(gateway.url, { paymentRequestId: expiring.paymentRequestId })).result.code,
    ).toBe('ORDER_EXPIRED');
    expect(
      (await customerPay(gateway.url, { paymentRequestId: cancelled.paymentRequestId })).result
        .code,
    ).toBe('ORDER_IS_CLOSED');
    expect((await client.createOrderCode(expiring)).result.code).toBe('ORDER_EXPIRED');
    expect(gateway.customer.openOrderCodes()).toEqual([]);
    expect(gateway.ledger().entries).toEqual([]);
  });

  it('refuses a bill number an EMV QR cannot carry with PARAM_ILLEGAL, creating nothing', async () => {
    const { client, gateway } = await start();
    const request = { ...orderRequest(), billNumber: '영수증-1' };
    const answer = await client.createOrderCode(request);
    expect(answer.result).toMatchObject({
      status: 'F',
      code: 'PARAM_ILLEGAL',
      message: expect.stringContaining('billNumber'),
    });
    expect(gateway.customer.openOrderCodes()).toEqual([]);
    expect((await client.createOrderCode({ ...request, billNumber: 'B-1' })).result.code).toBe(
      'SUCCESS',
    );
  });

  it('caps the order-code life at maxOrderSeconds', async () => {
    const clock = new ManualClock();
    const { client } = await start({ clock, maxOrderSeconds: 300 });
    const answer = await client.createOrderCode(orderRequest({ expireSeconds: 900 }));
    expect(answer.orderCode?.expiresAt).toBe(new Date(clock.now() + 300_000).toISOString());
  });

  it('hears of an offline bill paid through a late-notifying wallet only after the delay: lookup and stream', async () => {
    const clock = new ManualClock(Date.now());
    const { client, gateway } = await start({ clock, lateReports: { share: 1, delayMs: 90_000 } });
    const events: GatewayEvent[] = [];
    const subscription = client.subscribe((event) => events.push(event));
    try {
      const payload = offlineQr(TERMINAL, 4_200, 'OFF-0043');
      const paidAt = clock.now();
      expect((await customerPay(gateway.url, { qrPayload: payload })).result.code).toBe('SUCCESS');
      // The wallet knows the bill is paid, and the money moved; the gateway has not heard yet.
      expect((await customerPay(gateway.url, { qrPayload: payload })).result.code).toBe('ORDER_IS_CLOSED');
      expect(gateway.ledger().payments).toEqual([expect.objectContaining({ charges: 1, netCharged: 4_200 })]);
      clock.advance(89_999);
      expect((await client.lookupByBill(['OFF-0043'])).payments).toEqual([]);
      clock.advance(1);
      expect((await client.lookupByBill(['OFF-0043'])).payments).toEqual([
        expect.objectContaining({ status: 'SUCCESS', billNumber: 'OFF-0043', paidAt: new Date(paidAt).toISOString() }),
      ]);
      await expect.poll(() => events.map((e) => [e.type, e.payment.billNumber])).toEqual([['payment.succeeded', 'OFF-0043']]);
      // Reported once: neither the sweep nor another lookup sends it again (a CPM payment's event marks the end).
      gateway.resolveDue();
      expect((await client.lookupByBill(['OFF-0043'])).payments).toHaveLength(1);
      await client.pay(payRequest());
      await expect.poll(() => events.map((e) => e.payment.scenario)).toEqual(['MPM', 'CPM']);
    } finally {
      subscription.close();
    }
  });

  it('pays an offline merchant QR built by the till, found later by bill number', async () => {
    const { client, gateway } = await start();
    const payload = offlineQr(TERMINAL, 4_200, 'OFF-0042');
    const paid = await customerPay(gateway.url, { qrPayload: payload, wallet: 'zeropay' });
    expect(paid.result.code).toBe('SUCCESS');
    expect((await customerPay(gateway.url, { qrPayload: payload })).result.code).toBe(
      'ORDER_IS_CLOSED',
    );
    const found = await client.lookupByBill(['OFF-0042']);
    expect(found.payments).toEqual([
      expect.objectContaining({
        status: 'SUCCESS',
        scenario: 'MPM',
        billNumber: 'OFF-0042',
        amount: krw(4_200),
      }),
    ]);
    expect(gateway.ledger().payments).toEqual([
      expect.objectContaining({ charges: 1, netCharged: 4_200 }),
    ]);
  });

  it('refuses a payload that is not a merchant QR, or names no registered terminal', async () => {
    const { gateway } = await start();
    expect(
      (await customerPay(gateway.url, { qrPayload: '000201010212630412AB' })).result.code,
    ).toBe('PARAM_ILLEGAL');
    const stranger = offlineQr('till-77', 1_000, 'B-9');
    expect((await customerPay(gateway.url, { qrPayload: stranger })).result.code).toBe(
      'TERMINAL_NOT_REGISTERED',
    );
    const missing = await fetch(`${gateway.url}/sandbox/customer/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(400);
  });

  it('serves the customer page listing open order codes with a Pay button', async () => {
    const { client, gateway } = await start();
    const request = orderRequest({ amount: 12_300 });
    await client.createOrderCode(request);
    const page = await (await fetch(`${gateway.url}/sandbox/customer`)).text();
    expect(page).toContain(request.paymentRequestId);
    expect(page).toContain('₩12,300');
    expect(page).toContain('<svg');
    expect(page).toContain('data-request=');
  });
});
