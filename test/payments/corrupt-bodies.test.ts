import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DayRowReader } from '../../src/closeout/day-rows.js';
import { openLedger } from '../../src/ledger/index.js';
import { PaymentStore } from '../../src/payments/payment-store.js';
import type { SaleOpenedBody, TenderStateBody } from '../../src/payments/records.js';
import { ManualClock } from '../../src/platform/clock.js';
import { CorruptRecordError } from '../../src/platform/stored-json.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const ALL_TIME = [{ from: 0, to: Number.MAX_SAFE_INTEGER, afterSeq: 0, uptoSeq: Number.MAX_SAFE_INTEGER }];
const vat = { supply: 1819, vat: 181, taxFree: 0, total: 2000 };
const opened: SaleOpenedBody = {
  saleId: 'S1',
  businessDate: '2026-12-01',
  currency: 'KRW',
  lines: [{ name: '커피', unitPrice: 1000, quantity: 2, tax: 'taxable' }],
  saleDiscount: 0,
  total: 2000,
  vat,
};
const cash: TenderStateBody = { tenderId: 'T1', saleId: 'S1', method: 'cash', from: null, to: 'approved', currency: 'KRW', amount: 2000, tendered: 5000, change: 3000 };

function till() {
  const ledger = openLedger(join(tempDir(), 'till.db'), { clock: new ManualClock(Date.UTC(2026, 11, 1, 3)) });
  return { ledger, store: new PaymentStore(ledger) };
}

// Bodies written as a foreign tool or an old bug would: past the types, into the journal and its projection.
const damaged = <T>(body: unknown): T => body as T;

describe('stored bodies are parsed against their schemas on read', () => {
  it('reads well-formed bodies back as written', () => {
    const { ledger, store } = till();
    store.write('sale.opened', 'S1', opened);
    store.write('tender.state', 'T1', cash);
    expect(store.saleOpened('S1')).toEqual(opened);
    expect(store.cashHandling('T1')).toEqual({ tendered: 5000, change: 3000 });
    const rows = new DayRowReader(ledger.db).read(ALL_TIME);
    expect(rows.map((r) => r.kind)).toEqual(['tender.state']);
    ledger.close();
  });

  it("a sale's lines of the wrong type are an error naming the sale, not a total computed from a string", () => {
    const { ledger, store } = till();
    store.write('sale.opened', 'S1', damaged<SaleOpenedBody>({ ...opened, lines: [{ ...opened.lines[0], quantity: '2' }] }));
    expect(() => store.saleOpened('S1')).toThrow(CorruptRecordError);
    expect(() => store.saleOpened('S1')).toThrow(/sale S1 .*is corrupt: .*quantity/);
    // Close-out reads the same row from the journal and refuses it the same way.
    expect(() => new DayRowReader(ledger.db).saleLines('S1')).toThrow(/sale\.opened row of sale S1 is corrupt/);
    ledger.close();
  });

  it("a sale's opening row with a corrupt member the report does not keep is refused by the day's read too", () => {
    const { ledger, store } = till();
    store.write('sale.opened', 'S1', damaged<SaleOpenedBody>({ ...opened, total: '2000' }));
    store.write('tender.state', 'T1', cash);
    expect(() => new DayRowReader(ledger.db).read(ALL_TIME)).toThrow(/journal row 1 \(sale\.opened\) is corrupt: .*total/);
    ledger.close();
  });

  it('the change of a cash tender stored as text is an error, not silently 0', () => {
    const { ledger, store } = till();
    store.write('sale.opened', 'S1', opened);
    store.write('tender.state', 'T1', damaged<TenderStateBody>({ ...cash, change: '3000' }));
    expect(() => store.cashHandling('T1')).toThrow(/tender T1 detail is corrupt: .*change/);
    expect(() => new DayRowReader(ledger.db).read(ALL_TIME)).toThrow(/journal row 2 \(tender\.state\) is corrupt/);
    ledger.close();
  });

  it('a journal body that is not JSON is an error naming its row', () => {
    const { ledger, store } = till();
    store.write('sale.opened', 'S1', opened);
    store.write('tender.state', 'T1', cash);
    // Damage the file as a disk fault or a foreign tool would (the journal's triggers refuse updates).
    ledger.db.exec('DROP TRIGGER journal_no_update');
    ledger.db.prepare('UPDATE journal SET body = ? WHERE seq = 2').run('{"tenderId": "T1", ');
    expect(() => new DayRowReader(ledger.db).read(ALL_TIME)).toThrow(/journal row 2 \(tender\.state\) is corrupt: not JSON/);
    expect(() => ledger.journal.get(2)).toThrow(CorruptRecordError);
    ledger.close();
  });
});
