import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-refund-vat-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

// Issue 13 Deliver 5: "a ₩10,000 sale refunded ₩5,000 on one day and ₩5,000 on the next nets
// exactly 0 VAT". test/payments/returns.test.ts checks the two refund records on one day; here
// each half is on its own business day and the two Zs, each folding only its own day's rows, are
// what must net to nothing.
describe('refund VAT telescoped across business days, as the Zs file it', () => {
  it('a ₩10,000 sale refunded 5,000 on its day and 5,000 the next nets exactly 0 across the two Zs', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T10:00:00'));
    const { engine, closeout, clock } = till;
    const sale = engine.openSale({ lines: [{ name: '라면', unitPrice: 10_000, quantity: 1, tax: 'taxable' }] });
    const { tender } = await engine.payByCode(sale.saleId, walletCode(1));
    const saleVat = engine.store.saleOpened(sale.saleId).vat;
    expect(saleVat).toMatchObject({ supply: 9_091, vat: 909 });
    clock.set(kst('2026-03-10T15:00:00'));
    await engine.refund({ tenderId: tender.tenderId, amount: 5_000, managerPin: MANAGER_PIN, reason: '일부 환불' });
    await until(() => till!.ledger.outbox.depth() === 0, 'the 10th synced');
    clock.set(kst('2026-03-10T22:00:00'));
    const z10 = await closeout.z({ ownerPin: OWNER_PIN });

    clock.set(kst('2026-03-11T11:00:00'));
    await engine.refund({ tenderId: tender.tenderId, amount: 5_000, managerPin: MANAGER_PIN, reason: '나머지 환불' });
    await until(() => till!.ledger.outbox.depth() === 0, 'the 11th synced');
    clock.set(kst('2026-03-11T22:00:00'));
    const z11 = await closeout.z({ ownerPin: OWNER_PIN });

    expect([z10.businessDate, z11.businessDate]).toEqual(['2026-03-10', '2026-03-11']);
    expect([z10.net, z11.net]).toEqual([5_000, -5_000]);
    // The 10th keeps the VAT of the 5,000 the sale still holds (the first refund gave back 909 − 455);
    // the 11th gives back exactly that 455, not a fresh half of the sale's VAT.
    expect(z10.vat.vat + z11.vat.vat).toBe(0);
    expect(z10.vat.supply + z11.vat.supply).toBe(0);
    expect(z10.vat.vat).toBe(5_000 - Math.round((5_000 * 10) / 11));
    expect(z10.vat.supply + z10.vat.vat).toBe(5_000);
    expect(z11.vat.supply + z11.vat.vat).toBe(-5_000);
  });
});
