import { afterEach, describe, expect, it } from 'vitest';
import { reportCsv } from '../../src/closeout/index.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';
import { printedLines, printedRows } from './printed-report.js';

const tempDir = useTempDir('pos-closeout-offline-qr-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

describe('an offline QR written off on a later day (issue 15, Deliver 3: corrections booked on the day they are made)', () => {
  it('lists the write-off as a correction of the later day, named by the sale’s day and receipt, with that day’s sales and VAT lowered and the closed Z unchanged', async () => {
    // The gateway never reports the bill paid: after a millisecond without news the payment is flagged unmatched.
    till = await startClosingTill(tempDir(), kst('2026-03-10T18:00:00'), 4, { offlineMpm: { unmatchedAfterMs: 1 } });
    const { clock, sandbox } = till;
    const engine = () => till!.engine;
    // 18:00 the network is down; the customer says they paid the offline bill (11,000, VAT 1,000), the cashier accepts it.
    sandbox.setFaults({ rules: [{ fault: 'drop-before' }] });
    await till.closeout.x({ reconcile: true });
    await until(() => till!.gateway.connectivity() === 'offline', 'offline');
    const sale = engine().openSale({ lines: [{ name: '치킨', unitPrice: 11_000, quantity: 1, tax: 'taxable' }] });
    const qr = await engine().showPaymentQr(sale.saleId);
    engine().settleOfflineQr(qr.tenderId, true);
    const receipt = engine().store.sale(sale.saleId)!.receiptNumber!;
    expect(receipt).toBeTruthy();

    // 22:00 the owner closes the 10th (still offline): the bill counts as paid that day.
    clock.set(kst('2026-03-10T22:00:00'));
    const z10 = await till.closeout.z({ ownerPin: OWNER_PIN, recordOpen: true });
    expect(z10).toMatchObject({ net: 11_000, vat: { supply: 10_000, vat: 1_000 }, corrections: [] });

    // The 11th: back online, the gateway has no such payment; the manager writes it off.
    clock.set(kst('2026-03-11T11:00:00'));
    sandbox.setFaults({ rules: [] });
    await until(() => till!.ledger.outbox.depth() === 0, 'synced', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await engine().matchOfflinePayments();
    await until(() => engine().store.tender(qr.tenderId)!.state === 'unmatched', 'unmatched');
    await engine().writeOffOfflineQr(qr.tenderId, MANAGER_PIN, '손님 결제 확인 안 됨');

    const x11 = await till.closeout.x();
    expect(x11.corrections).toEqual([
      { kind: 'offline-qr-write-off', businessDate: '2026-03-10', receiptNumber: receipt, approvalNumber: null, amount: 11_000, note: '손님 결제 확인 안 됨' },
    ]);
    // Out of the 11th's sales and VAT as a cancellation the gateway never saw.
    expect(x11).toMatchObject({ gross: { count: 0, amount: 0 }, cancellations: { count: 1, amount: 11_000 }, net: -11_000 });
    expect(x11.vat).toMatchObject({ supply: -10_000, vat: -1_000, taxFree: 0, total: -11_000 });
    expect(x11.byTender['mpm-offline'].cancellations).toEqual({ count: 1, amount: 11_000 });
    // The gateway never had it: nothing is expected of the 11th's statement for it.
    expect((await till.closeout.reconcile()).missingAtGateway).toEqual([]);
    // The 10th's Z is as it was closed.
    const tenth = await till.closeout.x({ businessDate: '2026-03-10' });
    expect(tenth).toMatchObject({ net: 11_000, corrections: [], closing: z10.closing });

    // On the 11th's Z: paper [정정], the CSV's 정정 row as the books move (−11,000).
    clock.set(kst('2026-03-11T22:00:00'));
    const z11 = await till.closeout.z({ ownerPin: OWNER_PIN });
    // Online again, the Z first reconciles the 10th (closed offline): the bill it counted is missing at the
    // gateway, named by its receipt; the write-off above is what corrects it.
    expect(z11.corrections).toEqual([...x11.corrections, expect.objectContaining({ kind: 'reconciliation-amendment', businessDate: '2026-03-10', amount: 0, note: '일치 0건, 차이 1건' })]);
    const amended = (await till.closeout.x({ businessDate: '2026-03-10' })).amendment!.reconciliation;
    expect(amended.missingAtGateway).toEqual([expect.objectContaining({ receiptNumber: receipt, posAmount: 11_000, gatewayAmount: null })]);
    const rows = printedRows(printedLines(z11, 'korean-80').lines);
    expect(rows.get('[정정]')?.get('오프라인 QR 상각 2026-03-10')).toBe('-11,000');
    expect(reportCsv(z11)).toContain(`[정정],오프라인 QR 상각,1,-11000,2026-03-10 ${receipt} 손님 결제 확인 안 됨`);
  });
});
