// The writes both journal benchmarks make (journal-append.ts times them, journal-pages.ts counts
// their WAL frames): one CPM payment's three tender state changes through the engine's own
// PaymentStore, each its own commit, and the bare peer's insert of a row of the same size.
import type { Ledger, SqliteDatabase } from '../../src/ledger/index.js';
import { PaymentEvents } from '../../src/payments/events.js';
import { IdFactory } from '../../src/payments/ids.js';
import { PaymentStore } from '../../src/payments/payment-store.js';
import { TenderBook } from '../../src/payments/tender-book.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';

/** A payment engine's store on `ledger`, with one open sale, and the steps of a payment on it. */
export function tenderWrites(ledger: Ledger): {
  store: PaymentStore;
  /** The engine's own tender ids (time, then random bits): the journal's aggregate index and the tender key grow at their end, as on a till. */
  nextTenderId: () => string;
  /** created, requested, approved: three durable writes. */
  steps: ReadonlyArray<(tenderId: string) => void>;
} {
  const store = new PaymentStore(ledger);
  const tenders = new TenderBook(store, new PaymentEvents(silentLogger));
  store.write('sale.opened', 'S1', {
    saleId: 'S1', businessDate: '2026-01-05', currency: 'KRW', lines: [], saleDiscount: 0, total: 0,
    vat: { supply: 0, vat: 0, taxFree: 0, total: 0 },
  });
  const ids = new IdFactory('T01', systemClock);
  return {
    store,
    nextTenderId: () => ids.next('P'),
    steps: [
      (id) => void tenders.open({ tenderId: id, saleId: 'S1', method: 'cpm', to: 'created', currency: 'KRW', amount: 4_500, maskedCode: '1347**********7777', wallet: 'wechat-pay' }),
      (id) => void tenders.move(id, ['created'], 'requested'),
      (id) => void tenders.move(id, ['requested'], 'approved', { gatewayPaymentId: `GW-${id}` }),
    ],
  };
}

/** The bare peer on `db`: one table, no index, a row the size of a tender.state body with its hash, one commit each. */
export function bareInsert(db: SqliteDatabase): () => void {
  db.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (body) VALUES (?)');
  const body = JSON.stringify({ tenderId: 'T01-P-bench-000000', saleId: 'S1', method: 'cpm', from: 'requested', to: 'approved', amount: 4500, currency: 'KRW', hash: 'f'.repeat(64) });
  return () => void insert.run(body);
}
