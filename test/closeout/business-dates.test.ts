import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { type ClosingTill, OWNER_PIN, kst, startClosingTill } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-dates-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

/** One taxable line of `price` won: VAT is price − round(price / 1.1). */
const cart = (price: number) => ({ lines: [{ name: '맥주', unitPrice: price, quantity: 1, tax: 'taxable' as const }] });
const vatOf = (price: number) => price - Math.round(price / 1.1);

async function sell(t: ClosingTill, price: number) {
  const sale = t.engine.openSale(cart(price));
  await t.engine.takeCash(sale.saleId, price);
  return t.engine.store.sale(sale.saleId)!;
}

describe('business dates come from the clock (issue 15, defects 1 and 2)', () => {
  it('a missed Z leaves that day open for its late Z while the next date opens by itself', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-11T10:00:00'));
    const { closeout, clock } = till;
    expect(await sell(till, 5_000)).toMatchObject({ businessDate: '2026-03-11', receiptNumber: '20260311-T01-0001' });

    // Nobody closed the 11th. The 12th's sales are the 12th's, numbered from 0001.
    clock.set(kst('2026-03-12T10:00:00'));
    expect(await sell(till, 7_000)).toMatchObject({ businessDate: '2026-03-12', receiptNumber: '20260312-T01-0001' });
    const x12 = await closeout.x();
    expect(x12).toMatchObject({ businessDate: '2026-03-12', gross: { count: 1, amount: 7_000 } });
    // The owner is told the 11th still waits for its Z.
    expect(x12.alerts).toEqual([{ kind: 'late-z', businessDate: '2026-03-11' }]);

    // The late Z of the 11th holds the 11th's sale only.
    const z11 = await closeout.z({ ownerPin: OWNER_PIN, businessDate: '2026-03-11' });
    expect(z11).toMatchObject({ businessDate: '2026-03-11', gross: { count: 1, amount: 5_000 }, receipts: { count: 1, first: '20260311-T01-0001' } });
    expect(z11.vat).toMatchObject({ vat: vatOf(5_000) });

    // The 13th after the late Z: dated by the clock, not by "the day after the one closed".
    clock.set(kst('2026-03-13T11:00:00'));
    expect(await sell(till, 2_000)).toMatchObject({ businessDate: '2026-03-13', receiptNumber: '20260313-T01-0001' });
    const z12 = await closeout.z({ ownerPin: OWNER_PIN, businessDate: '2026-03-12' });
    expect(z12).toMatchObject({ gross: { count: 1, amount: 7_000 }, receipts: { count: 1, first: '20260312-T01-0001', last: '20260312-T01-0001' } });
    expect((await closeout.x()).alerts).toEqual([]);
  });

  it('a sale at 23:30 after a 23:00 Z joins the next business day but keeps its calendar date for VAT', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-31T20:00:00'));
    const { closeout, clock } = till;
    await sell(till, 11_000);
    clock.set(kst('2026-03-31T23:00:00'));
    const z31 = await closeout.z({ ownerPin: OWNER_PIN });
    expect(z31).toMatchObject({ businessDate: '2026-03-31', gross: { count: 1, amount: 11_000 } });

    clock.set(kst('2026-03-31T23:30:00'));
    const late = await sell(till, 5_500);
    expect(late).toMatchObject({ businessDate: '2026-04-01', receiptNumber: '20260401-T01-0001' });
    clock.set(kst('2026-04-01T12:00:00'));
    await sell(till, 2_200);
    clock.set(kst('2026-04-01T22:00:00'));
    const z1 = await closeout.z({ ownerPin: OWNER_PIN });
    expect(z1).toMatchObject({ businessDate: '2026-04-01', gross: { count: 2, amount: 7_700 } });
    // The Z splits its day by calendar date: the 23:30 sale is March's supply.
    expect(z1.vat.byCalendarDate).toEqual([
      { date: '2026-03-31', sales: 5_500, taxable: 5_500 - vatOf(5_500), vat: vatOf(5_500), taxFree: 0 },
      { date: '2026-04-01', sales: 2_200, taxable: 2_200 - vatOf(2_200), vat: vatOf(2_200), taxFree: 0 },
    ]);

    // The VAT report is by calendar month and quarter, from the journal.
    const report = closeout.vatReport('2026-03', '2026-04');
    const march = report.months.find((m) => m.month === '2026-03')!;
    const april = report.months.find((m) => m.month === '2026-04')!;
    expect(march).toMatchObject({ taxable: 16_500 - vatOf(11_000) - vatOf(5_500), vat: vatOf(11_000) + vatOf(5_500), taxFree: 0 });
    expect(april).toMatchObject({ taxable: 2_200 - vatOf(2_200), vat: vatOf(2_200), taxFree: 0 });
    // All cash without 현금영수증: 기타.
    expect(march.byKind.other).toEqual({ taxable: march.taxable, vat: march.vat, taxFree: 0 });
    expect(report.quarters.map((q) => [q.quarter, q.vat])).toEqual([
      ['2026-Q1', march.vat],
      ['2026-Q2', april.vat],
    ]);
  });

  it('closes a day without sales with a zero Z, and refuses a Z of a day that has not begun', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T21:00:00'));
    const { closeout, clock } = till;
    const zero = await closeout.z({ ownerPin: OWNER_PIN });
    expect(zero).toMatchObject({ businessDate: '2026-03-10', gross: { count: 0, amount: 0 }, net: 0 });
    // After the 10th's Z at 21:00 the next date is the 11th, which has not begun yet.
    await expect(closeout.z({ ownerPin: OWNER_PIN })).rejects.toMatchObject({ code: 'not-begun' });
    clock.set(kst('2026-03-11T12:00:00'));
    expect(await closeout.z({ ownerPin: OWNER_PIN })).toMatchObject({ businessDate: '2026-03-11', net: 0 });
  });
});
