import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, MANAGER_PIN, kst, startClosingTill, until } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-vat-kinds-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

/** 공급가액 and 부가세 of a VAT-inclusive taxable amount (10 %, rounded half up), and 면세. */
const split = (taxable: number, taxFree = 0) => ({ taxable: Math.round((taxable * 10) / 11), vat: taxable - Math.round((taxable * 10) / 11), taxFree });

// Issue 15 Deliver 1: the VAT report is "split into 신용카드 / 현금영수증 / 기타". The other tests
// file every sale under card or 기타; here each column gets its own sales, and a cash refund of a
// 현금영수증 sale comes out of the 현금영수증 column it was filed in.
describe('the VAT report by kind of evidence (부가세 신고 자료)', () => {
  it('files card slips and wallets under 신용카드, 현금영수증 cash under 현금영수증, other cash under 기타', async () => {
    till = await startClosingTill(tempDir(), kst('2026-05-11T10:00:00'));
    const { engine, closeout, clock } = till;
    const open = (unitPrice: number, tax: 'taxable' | 'tax-free' = 'taxable') =>
      engine.openSale({ lines: [{ name: tax === 'taxable' ? '도시락' : '생수', unitPrice, quantity: 1, tax }] }).saleId;

    await engine.takeCardSlip(open(22_000), { approvalNumber: '30012345', cardCompany: '신한', installmentMonths: 0 });
    clock.set(kst('2026-05-11T11:00:00'));
    await engine.payByCode(open(5_500), walletCode(1));
    clock.set(kst('2026-05-11T12:00:00'));
    const receipt = await engine.takeCash(open(11_000), 11_000, { cashReceipt: { identifier: '010-9876-5432' } });
    await engine.takeCash(open(3_000, 'tax-free'), 3_000, { cashReceipt: { identifier: '1248100998' } });
    clock.set(kst('2026-05-11T13:00:00'));
    await engine.takeCash(open(4_400), 5_000);
    await until(() => till!.ledger.outbox.depth() === 0, 'synced, 현금영수증 results in');
    // The next day, 5,500 of the 11,000 comes back in cash: its 현금영수증 is cancelled for that part.
    clock.set(kst('2026-05-12T10:00:00'));
    await engine.refund({ tenderId: receipt.tender.tenderId, amount: 5_500, managerPin: MANAGER_PIN, reason: '일부 환불' });
    await until(() => till!.ledger.outbox.depth() === 0, 'synced after the refund');

    const may = closeout.vatReport('2026-05', '2026-05').months[0]!;
    expect(may.byKind).toEqual({
      card: split(22_000 + 5_500),
      cashReceipt: { taxable: split(11_000).taxable - split(5_500).taxable, vat: split(11_000).vat - split(5_500).vat, taxFree: 3_000 },
      other: split(4_400),
    });
    expect(may.total).toBe(22_000 + 5_500 + 11_000 - 5_500 + 3_000 + 4_400);
    expect(may.taxable + may.vat + may.taxFree).toBe(may.total);
  });
});
