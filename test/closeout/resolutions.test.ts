import { afterEach, describe, expect, it } from 'vitest';
import { differenceKey, reportCsv } from '../../src/closeout/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';
import { printedLines } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-resolve-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

const iso = (wall: string) => new Date(kst(wall)).toISOString();

describe('the owner resolves reconciliation differences (issue 15, Deliver 2 and 3)', () => {
  it('journals a write-off, a refund task and a note with the owner PIN; the write-off is booked on the day it is made; the closed Z stays as it was', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T10:00:00'));
    const { engine, clock, closeout } = till;
    const pay = async (n: number, price: number) => {
      const sale = engine.openSale({ lines: [{ name: '맥주', unitPrice: price, quantity: 1, tax: 'taxable' }] });
      await engine.payByCode(sale.saleId, walletCode(n));
      const tender = engine.store.tendersOfSale(sale.saleId)[0]!;
      return { requestId: tender.gatewayRequestId ?? tender.tenderId, receipt: engine.store.sale(sale.saleId)!.receiptNumber! };
    };
    const lost = await pay(1, 5_000);
    const twice = await pay(2, 7_000);
    await until(() => till!.ledger.outbox.depth() === 0, 'synced');
    // The gateway lost the first payment and charged the second twice.
    await till.plant({ drop: [{ paymentRequestId: lost.requestId }], add: [{ paymentRequestId: twice.requestId, wallet: 'wechat-pay', amount: 7_000, at: iso('2026-03-10T10:00:30') }] });
    clock.set(kst('2026-03-10T22:00:00'));
    const z = await closeout.z({ ownerPin: OWNER_PIN });
    const [missing] = z.reconciliation.missingAtGateway;
    const [duplicate] = z.reconciliation.duplicates;
    expect(missing).toMatchObject({ receiptNumber: lost.receipt, posAmount: 5_000 });
    expect(duplicate).toMatchObject({ receiptNumber: twice.receipt, gatewayAmount: 7_000 });
    const missingKey = differenceKey('missingAtGateway', missing!);
    const duplicateKey = differenceKey('duplicates', duplicate!);

    // The next morning the owner settles them from the closed day's report.
    clock.set(kst('2026-03-11T10:00:00'));
    await expect(closeout.resolve({ ownerPin: MANAGER_PIN, businessDate: '2026-03-10', key: missingKey, action: 'write-off' })).rejects.toThrow(/owner/);
    await expect(closeout.resolve({ ownerPin: OWNER_PIN, businessDate: '2026-03-10', key: 'missingInPos:PAYMENT:nothing:', action: 'note', note: 'x' })).rejects.toMatchObject({ code: 'no-such-difference' });
    const writeOff = await closeout.resolve({ ownerPin: OWNER_PIN, businessDate: '2026-03-10', key: missingKey, action: 'write-off', note: '게이트웨이 확인 불가' });
    expect(writeOff).toMatchObject({ businessDate: '2026-03-10', bookedOn: '2026-03-11', amount: 5_000, receiptNumber: lost.receipt, staffName: 'Owner Park' });
    await closeout.resolve({ ownerPin: OWNER_PIN, businessDate: '2026-03-10', key: duplicateKey, action: 'refund-task', note: '고객에게 7,000원 환불' });
    await expect(closeout.resolve({ ownerPin: OWNER_PIN, businessDate: '2026-03-10', key: duplicateKey, action: 'note', note: 'again' })).rejects.toMatchObject({ code: 'already-resolved' });

    // The closed Z is the same record; its report shows the resolutions beside it.
    const closed = await closeout.x({ businessDate: '2026-03-10' });
    expect(closed.closing!.hash).toBe(z.closing!.hash);
    expect(closed.net).toBe(z.net);
    expect(closed.resolutions.map((r) => [r.key, r.action])).toEqual([[missingKey, 'write-off'], [duplicateKey, 'refund-task']]);
    expect(till.ledger.journal.forAggregate('day:2026-03-10').filter((r) => r.kind === 'closeout.resolution')).toHaveLength(2);

    // The write-off is a correction on the 11th's Z, named by the 10th's receipt; the 10th's figures are untouched.
    clock.set(kst('2026-03-11T22:00:00'));
    const next = await closeout.z({ ownerPin: OWNER_PIN });
    expect(next.corrections).toEqual([
      { kind: 'reconciliation-write-off', businessDate: '2026-03-10', receiptNumber: lost.receipt, approvalNumber: missing!.approvalNumber, amount: 5_000, note: '게이트웨이 확인 불가' },
    ]);
    const paper = printedLines(next, 'korean-80').lines.join('\n');
    expect(paper).toContain('[정정]');
    expect(paper).toMatch(/대사 차이 상각 2026-03-10\s+-5,000/);
    expect(reportCsv(next)).toContain(lost.receipt);
    const tenth = printedLines(closed, 'korean-80').lines.join('\n');
    expect(tenth).toContain('[대사 처리]');
    expect(tenth).toMatch(/손실 처리 5,000/);
  });
});
