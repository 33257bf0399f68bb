import { afterEach, describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/ledger/index.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { unitsAmount } from '../../src/money/index.js';
import { refundContentSchema } from '../../src/payments/returns.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, openTill, startGateway, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function till(): Promise<PaymentEngine> {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client(), { config: { terminalId: 'T01', sameDayVoid: false } });
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return engine;
}

/** The VAT split close-out reads from a refund's completed row. */
function bookedVat(engine: PaymentEngine, refundId: string) {
  const rows = engine.store.ledger.journal.forAggregate(refundId) as JournalRecord[];
  const completed = rows.find((r) => r.kind === 'refund.state' && r.body.to === 'completed')!;
  return refundContentSchema.parse(completed.body);
}

// The basket of issue 13: taxable ₩7,430 (coffee beans) + tax-free ₩8,970 (eggs ₩3,980 and apples ₩4,990).
const BASKET = [
  { name: '원두', unitPrice: 7_430, quantity: 1, tax: 'taxable' as const },
  { name: '계란', unitPrice: 3_980, quantity: 1, tax: 'tax-free' as const },
  { name: '사과', unitPrice: 4_990, quantity: 1, tax: 'tax-free' as const },
];

describe('returns by line (반품)', () => {
  it('books returned eggs as −3,980 면세 and no VAT, on the refund record close-out reads', async () => {
    const engine = await till();
    const sale = engine.openSale({ lines: BASKET });
    const { tender } = await engine.payByCode(sale.saleId, walletCode(1));
    const refund = await engine.refund({ tenderId: tender.tenderId, lines: [{ line: 1, quantity: 1 }], managerPin: MANAGER_PIN });
    expect(refund).toMatchObject({ state: 'completed', amount: 3_980, kind: 'refund' });
    expect(bookedVat(engine, refund.refundId)).toEqual({
      lines: [{ line: 1, quantity: 1, amount: 3_980 }],
      vat: { supply: 0, vat: 0, taxFree: 3_980, total: 3_980 },
    });
    await expect(engine.refund({ tenderId: tender.tenderId, lines: [{ line: 1, quantity: 1 }], managerPin: MANAGER_PIN })).rejects.toThrow(/0 left to return/);
    await expect(engine.refund({ tenderId: tender.tenderId, lines: [{ line: 3, quantity: 1 }], managerPin: MANAGER_PIN })).rejects.toThrow(/no line 4/);
  });

  it('gives back each line its share of the sale discount, unit by unit to the won', async () => {
    const engine = await till();
    const sale = engine.openSale({ lines: [{ name: '우유', unitPrice: 2_000, quantity: 3, tax: 'tax-free' }, { name: '커피', unitPrice: 4_000, quantity: 1, tax: 'taxable' }], saleDiscount: 1_000 });
    // ₩10,000 less ₩1,000: milk 6,000 − 600 = 5,400 (1,800 each), coffee 4,000 − 400 = 3,600.
    const { tender } = await engine.payByCode(sale.saleId, walletCode(2));
    const one = await engine.refund({ tenderId: tender.tenderId, lines: [{ line: 0, quantity: 1 }], managerPin: MANAGER_PIN });
    expect(one.amount).toBe(1_800);
    const rest = await engine.refund({ tenderId: tender.tenderId, lines: [{ line: 0, quantity: 2 }, { line: 1, quantity: 1 }], managerPin: MANAGER_PIN });
    expect(rest.amount).toBe(3_600 + 3_600);
    expect(bookedVat(engine, rest.refundId).vat).toEqual({ supply: 3_273, vat: 327, taxFree: 3_600, total: 7_200 });
    expect(engine.store.tender(tender.tenderId)).toMatchObject({ state: 'refunded', refunded: 9_000 });
  });

  it('telescopes refund VAT over the sale: ₩10,000 refunded 5,000 + 5,000 nets exactly 0 VAT', async () => {
    const engine = await till();
    const sale = engine.openSale({ lines: [{ name: '라면', unitPrice: 10_000, quantity: 1, tax: 'taxable' }] });
    const { tender } = await engine.payByCode(sale.saleId, walletCode(3));
    const first = await engine.refund({ tenderId: tender.tenderId, amount: 5_000, managerPin: MANAGER_PIN });
    const second = await engine.refund({ tenderId: tender.tenderId, amount: 5_000, managerPin: MANAGER_PIN });
    const vats = [first, second].map((r) => bookedVat(engine, r.refundId).vat!);
    expect(vats[0]!.vat + vats[1]!.vat).toBe(engine.store.saleOpened(sale.saleId).vat.vat); // 909: the sale's VAT, all of it back
    expect(vats.map((v) => v.supply + v.vat)).toEqual([5_000, 5_000]);
  });

  it('spreads an amount-only (goodwill) refund over the classes the sale still keeps', async () => {
    const engine = await till();
    const sale = engine.openSale({ lines: BASKET });
    const { tender } = await engine.payByCode(sale.saleId, walletCode(4));
    await engine.refund({ tenderId: tender.tenderId, lines: [{ line: 1, quantity: 1 }], managerPin: MANAGER_PIN });
    const goodwill = await engine.refund({ tenderId: tender.tenderId, amount: 1_242, managerPin: MANAGER_PIN });
    // Kept: taxable 7,430 and tax-free 4,990, so 1,242 splits 743 / 499 (12,420 : 1,242 = 10 : 1).
    const vat = bookedVat(engine, goodwill.refundId).vat!;
    expect([vat.supply + vat.vat, vat.taxFree]).toEqual([743, 499]);
    expect(bookedVat(engine, goodwill.refundId).lines).toBeUndefined();
  });

  it('shares a line out unit by unit so the units add back to the line', () => {
    expect([0, 1, 2].map((i) => unitsAmount(1_000, 3, i, 1))).toEqual([334, 333, 333]);
    expect(unitsAmount(1_000, 3, 0, 3)).toBe(1_000);
  });
});
