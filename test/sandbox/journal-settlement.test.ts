import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { GENESIS_HASH } from '../../src/ledger/index.js';
import type { JournalUploadRecord } from '../../src/relay/protocol.js';
import { uploadChain } from '../helpers/upload-chain.js';
import { krw, payRequest, paymentCode, requestId, useSandbox } from './fixture.js';

let tail = { seq: 0, hash: GENESIS_HASH };
/** The next record of one till's chain (the sandbox checks each record's link). */
function record(kind: string, body: Record<string, unknown> = {}): JournalUploadRecord {
  const [next] = uploadChain([{ kind, body }], tail);
  tail = { seq: next!.seq, hash: next!.hash };
  return next!;
}

/** 2026-01-05 10:00 KST. */
const MORNING_KST = Date.UTC(2026, 0, 5, 1, 0, 0);

describe('sandbox journal batch upload', () => {
  const start = useSandbox();

  it('acknowledges each record; a repeat is DUPLICATE and never applied twice', async () => {
    const { client } = await start();
    const batch = [
      record('sale.completed', { total: 15_000 }),
      record('cash.counted'),
      record('sale.completed'),
    ];
    const first = await client.uploadJournal(batch);
    expect(first.result).toMatchObject({ status: 'S', code: 'ACCEPTED' });
    expect(first.acks.map((a) => a.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);

    const extra = record('drawer.opened');
    const again = await client.uploadJournal([...batch, extra]);
    expect(again.acks.map((a) => [a.recordId, a.status])).toEqual([
      ...batch.map((r) => [r.recordId, 'DUPLICATE']),
      [extra.recordId, 'ACCEPTED'],
    ]);
  });

  it('issues an approval number for a cash-receipt request, and repeats it on a duplicate', async () => {
    const { client } = await start();
    const receipt = record('cash-receipt.requested', { amount: 9_000, identity: '010****5678' });
    const first = await client.uploadJournal([receipt, record('cash-receipt.requested')]);
    const approval = first.acks[0]?.detail?.approvalNumber;
    expect(approval).toMatch(/^\d{9}$/);
    expect(first.acks[1]?.detail?.approvalNumber).not.toBe(approval);
    const again = await client.uploadJournal([receipt]);
    expect(again.acks[0]).toMatchObject({
      status: 'DUPLICATE',
      detail: { approvalNumber: approval },
    });
  });

  it('rejects a known record id uploaded with different content', async () => {
    const { client } = await start();
    const original = record('sale.completed');
    await client.uploadJournal([original]);
    const forged = { ...original, hash: 'f'.repeat(64) };
    const answer = await client.uploadJournal([forged]);
    expect(answer.acks[0]).toMatchObject({ status: 'REJECTED', code: 'REPEAT_REQ_INCONSISTENT' });
  });
});

describe('sandbox settlement statements and exchange rates', () => {
  const start = useSandbox();

  it('lists payments, cancels and refunds of a KST business date with fees and nets', async () => {
    const clock = new ManualClock(MORNING_KST);
    const { client } = await start({ clock });
    const wechat = payRequest({ amount: 15_000 });
    const zeropay = payRequest({ amount: 10_000, paymentCode: paymentCode('zeropay') });
    const voided = payRequest({ amount: 5_000 });
    for (const request of [wechat, zeropay, voided]) await client.pay(request);
    await client.pay(payRequest({ paymentCode: paymentCode('wechat-pay', '0051') }));
    await client.cancel({ paymentRequestId: voided.paymentRequestId, reason: 'VOID' });
    const refundRequestId = requestId('ref');
    await client.refund({
      refundRequestId,
      paymentRequestId: wechat.paymentRequestId,
      amount: krw(3_000),
    });

    const answer = await client.settlement('2026-01-05');
    expect(answer.result.code).toBe('SUCCESS');
    const lines = answer.statement!.lines.map((l) => ({
      type: l.type,
      id: l.paymentRequestId,
      wallet: l.wallet,
      amount: l.amount.value,
      customer: l.customerAmount?.value,
      fee: l.fee.value,
      net: l.net.value,
    }));
    expect(lines).toEqual([
      {
        type: 'PAYMENT',
        id: wechat.paymentRequestId,
        wallet: 'wechat-pay',
        amount: '15000',
        customer: '7650',
        fee: '300',
        net: '14700',
      },
      {
        type: 'PAYMENT',
        id: zeropay.paymentRequestId,
        wallet: 'zeropay',
        amount: '10000',
        customer: undefined,
        fee: '30',
        net: '9970',
      },
      {
        type: 'PAYMENT',
        id: voided.paymentRequestId,
        wallet: 'wechat-pay',
        amount: '5000',
        customer: '2550',
        fee: '100',
        net: '4900',
      },
      {
        type: 'CANCEL',
        id: voided.paymentRequestId,
        wallet: 'wechat-pay',
        amount: '5000',
        customer: '2550',
        fee: '100',
        net: '-4900',
      },
      {
        type: 'REFUND',
        id: wechat.paymentRequestId,
        wallet: 'wechat-pay',
        amount: '3000',
        customer: '1530',
        fee: '0',
        net: '-3000',
      },
    ]);
    expect(answer.statement!.lines[4]?.refundRequestId).toBe(refundRequestId);
    expect((await client.settlement('2026-01-04')).statement?.lines).toEqual([]);
  });

  it('puts a payment at 23:59 KST on that date, and one at 00:01 KST on the next', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 14, 59, 0));
    const { client } = await start({ clock });
    await client.pay(payRequest({ amount: 1_000 }));
    clock.set(Date.UTC(2026, 0, 5, 15, 1, 0));
    await client.pay(payRequest({ amount: 2_000 }));
    expect(
      (await client.settlement('2026-01-05')).statement?.lines.map((l) => l.amount.value),
    ).toEqual(['1000']);
    expect(
      (await client.settlement('2026-01-06')).statement?.lines.map((l) => l.amount.value),
    ).toEqual(['2000']);
  });

  it('answers SETTLEMENT_NOT_READY for a date that has not begun in Korea', async () => {
    const clock = new ManualClock(MORNING_KST);
    const { client } = await start({ clock });
    expect((await client.settlement('2026-01-06')).result).toMatchObject({
      status: 'F',
      code: 'SETTLEMENT_NOT_READY',
    });
  });

  it('serves KRW exchange rates with their timestamp', async () => {
    const clock = new ManualClock(MORNING_KST);
    const { client } = await start({ clock });
    const answer = await client.exchangeRates();
    expect(answer.rates).toContainEqual({
      base: 'KRW',
      quote: 'CNY',
      rate: '0.0051',
      at: new Date(MORNING_KST).toISOString(),
    });
  });
});
