import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../src/ledger/index.js';
import { PAYMENT_TABLES } from '../../src/payments/migrations.js';
import { projectionDrift } from '../../src/payments/projection-audit.js';
import { rebuildProjection } from '../../src/payments/projection-rebuild.js';
import { PaymentStore } from '../../src/payments/payment-store.js';
import type { SaleOpenedBody, TenderStateBody } from '../../src/payments/records.js';
import { ManualClock } from '../../src/platform/clock.js';
import { CorruptRecordError } from '../../src/platform/stored-json.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const TENDERS = PAYMENT_TABLES[2];
const opened: SaleOpenedBody = {
  saleId: 'S1',
  businessDate: '2026-12-01',
  currency: 'KRW',
  lines: [{ name: '커피', unitPrice: 4_500, quantity: 1, tax: 'taxable', discount: 0 }],
  saleDiscount: 0,
  total: 4_500,
  vat: { supply: 4_091, vat: 409, taxFree: 0, total: 4_500 },
};
const card: TenderStateBody = {
  tenderId: 'T1', saleId: 'S1', method: 'card', from: null, to: 'approved', currency: 'KRW', amount: 4_500,
  card: { installmentMonths: 0, cardCompany: '신한', approvalNumber: '12345678' },
};

function till() {
  const ledger = openLedger(join(tempDir(), 'till.db'), { clock: new ManualClock(Date.UTC(2026, 11, 1, 3)) });
  return { ledger, store: new PaymentStore(ledger) };
}

// A replay (the start-up comparison, `pos journal rebuild`) reads bodies from disk, so it parses each against its
// kind's schema before folding it; the append path folds the body the engine built, unparsed, into the same rows.
describe('replaying the journal into the payment tables', () => {
  it('makes the same rows from the stored bodies as the append path made from the built ones', () => {
    const { ledger, store } = till();
    // Keys in an order of their own: the projection's text columns must not depend on it.
    store.write('sale.opened', 'S1', { vat: opened.vat, total: opened.total, saleDiscount: 0, lines: opened.lines, currency: 'KRW', businessDate: opened.businessDate, saleId: 'S1' });
    store.write('tender.state', 'T1', card);
    expect(projectionDrift(ledger.db)).toEqual([]);
    expect(rebuildProjection(ledger.db)).toBe(2);
    expect(store.cardSlip('T1')).toEqual(card.card);
    expect(store.saleOpened('S1')).toEqual(opened);
    ledger.close();
  });

  it('refuses a stored body that does not fit its schema, naming the row, where SQLite would have taken "4500" as 4,500', () => {
    const { ledger, store } = till();
    store.write('sale.opened', 'S1', opened);
    // Past the types, as a foreign tool or an old bug would write it.
    store.write('tender.state', 'T1', { ...card, amount: '4500' } as unknown as TenderStateBody);
    expect(projectionDrift(ledger.db)).toEqual([
      { kind: 'projection', seq: 2, message: expect.stringMatching(/^row 2 \(tender\.state\) does not apply: journal row 2 \(tender\.state\) is corrupt: .*amount/) },
      // Refused, the row makes no tender in the replay, so the stored one stands alone.
      { kind: 'projection', message: `${TENDERS} T1 has no journal records (forged, or its records were deleted)` },
    ]);
    expect(() => rebuildProjection(ledger.db)).toThrow(CorruptRecordError);
    expect(() => rebuildProjection(ledger.db)).toThrow(/journal row 2 \(tender\.state\)/);
    // The rebuild is one transaction: the tables are as they were.
    expect(ledger.db.prepare(`SELECT count(*) AS n FROM ${TENDERS}`).get()).toEqual({ n: 1 });
    ledger.close();
  });
});
