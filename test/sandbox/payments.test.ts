import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { GatewayUnreachableError } from '../../src/relay/gateway.js';
import { InvalidRelayRequestError } from '../../src/relay/signed-transport.js';
import {
  TERMINAL,
  krw,
  payRequest,
  paymentCode,
  requestId,
  signedRequest,
  useSandbox,
} from './fixture.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

describe('sandbox pay (CPM)', () => {
  const start = useSandbox();

  it('charges a WeChat Pay code once, in CNY for the customer and KRW for the merchant', async () => {
    const { client, gateway } = await start();
    const answer = await client.pay(payRequest({ amount: 15_000 }));
    expect(answer.result).toEqual({ status: 'S', code: 'SUCCESS', message: 'paid' });
    expect(answer.payment).toMatchObject({
      status: 'SUCCESS',
      scenario: 'CPM',
      wallet: 'wechat-pay',
      amount: krw(15_000),
      customerAmount: { currency: 'CNY', value: '7650' },
    });
    expect(gateway.ledger().payments).toMatchObject([{ charges: 1, netCharged: 15_000 }]);
  });

  it.each([
    ['alipay', 'alipay', 'CNY'],
    ['zeropay', 'zeropay', undefined],
    ['unionpay', 'unionpay', 'CNY'],
  ] as const)('routes a %s code to its wallet', async (kind, wallet, payerCurrency) => {
    const { client } = await start();
    const answer = await client.pay(payRequest({ paymentCode: paymentCode(kind), amount: 1_000 }));
    expect(answer.payment?.wallet).toBe(wallet);
    expect(answer.payment?.customerAmount?.currency).toBe(payerCurrency);
  });

  it.each([
    ['0005', 'USER_PAYMENT_DECLINED'],
    ['0051', 'USER_BALANCE_NOT_ENOUGH'],
    ['0054', 'PAYMENT_CODE_EXPIRED'],
    ['0059', 'RISK_REJECT'],
  ])('magic suffix %s declines with %s and charges nothing', async (suffix, code) => {
    const { client, gateway } = await start();
    const answer = await client.pay(payRequest({ paymentCode: paymentCode('alipay', suffix) }));
    expect(answer.result).toMatchObject({ status: 'F', code });
    expect(answer.payment).toMatchObject({ status: 'FAIL', failCode: code });
    expect(gateway.ledger().entries).toEqual([]);
  });

  it('refuses an implausible code (PAYMENT_CODE_INVALID), another currency and a zero amount', async () => {
    const { client } = await start();
    expect((await client.pay(payRequest({ paymentCode: 'hello-world!' }))).result.code).toBe(
      'PAYMENT_CODE_INVALID',
    );
    expect((await client.pay(payRequest({ paymentCode: '00020101021226' }))).result.code).toBe(
      'PAYMENT_CODE_INVALID',
    );
    const usd = { ...payRequest(), amount: { currency: 'USD', value: '100' } };
    expect((await client.pay(usd)).result).toMatchObject({
      status: 'F',
      code: 'CURRENCY_NOT_SUPPORTED',
    });
    expect((await client.pay(payRequest({ amount: 0 }))).result).toMatchObject({
      status: 'F',
      code: 'PARAM_ILLEGAL',
    });
  });

  it('answers a body that breaks the schema with 400 PARAM_ILLEGAL (the client refuses to send it)', async () => {
    const { client, gateway, key } = await start();
    const bad = { ...payRequest(), amount: { currency: 'KRW', value: '12.5' } };
    await expect(client.call('pay', bad)).rejects.toBeInstanceOf(InvalidRelayRequestError);
    const raw = await signedRequest(gateway.url, key, 'POST', '/v1/payments/pay', bad);
    expect(raw.status).toBe(400);
    expect(raw.answer.result).toMatchObject({
      status: 'F',
      code: 'PARAM_ILLEGAL',
      message: expect.stringContaining('amount.value'),
    });
    const notJson = await signedRequest(
      gateway.url,
      key,
      'POST',
      '/v1/payments/pay',
      '{"paymentRequestId":',
    );
    expect(notJson.answer.result.code).toBe('PARAM_ILLEGAL');
  });

  it('is idempotent: the same request twice charges once and answers the same', async () => {
    const { client, gateway } = await start();
    const request = payRequest();
    const first = await client.pay(request);
    const second = await client.pay(request);
    expect(second.result.status).toBe('S');
    expect(second.payment?.paymentId).toBe(first.payment?.paymentId);
    expect(gateway.ledger().payments).toEqual([
      expect.objectContaining({ charges: 1, netCharged: 15_000 }),
    ]);
    const declined = payRequest({ paymentCode: paymentCode('wechat-pay', '0051') });
    await client.pay(declined);
    expect((await client.pay(declined)).result.code).toBe('USER_BALANCE_NOT_ENOUGH');
  });

  it('refuses the same request id with other fields: REPEAT_REQ_INCONSISTENT', async () => {
    const { client, gateway } = await start();
    const request = payRequest();
    await client.pay(request);
    const changed = await client.pay({ ...request, amount: krw(99_000) });
    expect(changed.result).toMatchObject({ status: 'F', code: 'REPEAT_REQ_INCONSISTENT' });
    expect(gateway.ledger().entries).toHaveLength(1);
  });

  it('USER_PAYING: U PAYMENT_IN_PROCESS, inquiry shows PROCESSING, then SUCCESS after the pending time', async () => {
    const clock = new ManualClock();
    const { client, gateway } = await start({ clock, pendingMs: 5_000 });
    const request = payRequest({ paymentCode: paymentCode('wechat-pay', '0091') });
    const first = await client.pay(request);
    expect(first.result).toMatchObject({ status: 'U', code: 'PAYMENT_IN_PROCESS' });
    expect((await client.inquire(request.paymentRequestId)).payment?.status).toBe('PROCESSING');
    expect((await client.pay(request)).result.code).toBe('PAYMENT_IN_PROCESS');
    clock.advance(5_000);
    const inquiry = await client.inquire(request.paymentRequestId);
    expect(inquiry.result).toMatchObject({ status: 'S', code: 'SUCCESS' });
    expect(inquiry.payment?.status).toBe('SUCCESS');
    expect(gateway.ledger().payments[0]).toMatchObject({ charges: 1 });
  });

  it.each([
    ['0092', 'PAYMENT_IN_PROCESS', 'FAIL'],
    ['0068', 'REQUEST_TIMEOUT', 'SUCCESS'],
  ] as const)('pending suffix %s answers U %s and resolves to %s', async (suffix, code, final) => {
    const clock = new ManualClock();
    const { client, gateway } = await start({ clock, pendingMs: 1_000 });
    const request = payRequest({ paymentCode: paymentCode('alipay', suffix) });
    expect((await client.pay(request)).result).toMatchObject({ status: 'U', code });
    clock.advance(1_000);
    expect(gateway.resolveDue()).toBe(1);
    expect((await client.inquire(request.paymentRequestId)).payment?.status).toBe(final);
  });

  it('UNKNOWN_EXCEPTION (suffix 0096) never resolves; a cancel ends it uncharged', async () => {
    const clock = new ManualClock();
    const { client, gateway } = await start({ clock });
    const request = payRequest({ paymentCode: paymentCode('zeropay', '0096') });
    expect((await client.pay(request)).result).toMatchObject({
      status: 'U',
      code: 'UNKNOWN_EXCEPTION',
    });
    clock.advance(3_600_000);
    expect((await client.inquire(request.paymentRequestId)).payment?.status).toBe('PROCESSING');
    const cancel = await client.cancel({
      paymentRequestId: request.paymentRequestId,
      reason: 'NETWORK_CANCELLATION',
    });
    expect(cancel.result.code).toBe('SUCCESS');
    expect(cancel.payment?.status).toBe('CANCELLED');
    expect(gateway.ledger().payments[0]).toMatchObject({ charges: 0, netCharged: 0 });
  });

  it('inquiry of an unknown request id is PAYMENT_NOT_FOUND', async () => {
    const { client } = await start();
    expect((await client.inquire(requestId())).result).toMatchObject({
      status: 'F',
      code: 'PAYMENT_NOT_FOUND',
    });
  });

  it('looks payments up by bill number', async () => {
    const { client } = await start();
    await client.pay(payRequest({ billNumber: 'B-20260105-0007' }));
    const found = await client.lookupByBill(['B-20260105-0007', 'B-none']);
    expect(found.payments).toHaveLength(1);
    expect(found.payments[0]?.billNumber).toBe('B-20260105-0007');
  });

  it('keeps each terminal to its own payments', async () => {
    const { client, gateway } = await start();
    const request = payRequest();
    await client.pay(request);
    const { generateTerminalKey } = await import('../../src/relay/terminal-key.js');
    const { RelayClient } = await import('../../src/relay/relay-client.js');
    const otherKey = generateTerminalKey();
    gateway.registerTerminal('till-02', otherKey);
    const other = new RelayClient({
      baseUrl: gateway.url,
      terminalId: 'till-02',
      privateKey: otherKey,
      gatewayKey: memoryPin(gateway.publicKey()),
    });
    expect((await other.inquire(request.paymentRequestId)).result.code).toBe('PAYMENT_NOT_FOUND');
    expect(gateway.ledger(TERMINAL).payments).toHaveLength(1);
    expect(gateway.ledger('till-02').payments).toHaveLength(0);
  });

  it('an unreachable gateway is GatewayUnreachableError, never a decline', async () => {
    const { client, gateway } = await start();
    await gateway.close();
    await expect(client.pay(payRequest())).rejects.toMatchObject({
      kind: 'connection',
      operation: 'pay',
    });
    await expect(client.pay(payRequest())).rejects.toBeInstanceOf(GatewayUnreachableError);
  });
});
