// Durable payment-state writes per second: each a journal row (hash-chained)
// plus its projection, one transaction, WAL + synchronous=FULL, through the
// engine's own PaymentStore (tender created → requested → approved), against a
// bare better-sqlite3 loop inserting rows of the same size, one transaction
// each, with the same pragmas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openJournalStore } from '../src/ledger/index.js';
import { PaymentEvents } from '../src/payments/events.js';
import { PaymentStore } from '../src/payments/payment-store.js';
import { TenderBook } from '../src/payments/tender-book.js';
import { systemClock } from '../src/platform/clock.js';
import { silentLogger } from '../src/platform/logger.js';
import { median, printFigure } from './lib/measure.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
try {
  const ledger = openJournalStore(join(dir, 'till.db'), { clock: systemClock });
  const store = new PaymentStore(ledger);
  const tenders = new TenderBook(store, new PaymentEvents(silentLogger));
  store.write('sale.opened', 'S1', {
    saleId: 'S1', businessDate: '2026-01-05', currency: 'KRW', lines: [], saleDiscount: 0, total: 0,
    vat: { supply: 0, vat: 0, taxFree: 0, total: 0 },
  });
  let t = 0;
  /** Three state changes of one payment: three durable writes. */
  const payment = (): void => {
    const tenderId = `T01-P-bench-${++t}`;
    tenders.open({ tenderId, saleId: 'S1', method: 'cpm', to: 'created', currency: 'KRW', amount: 4_500, maskedCode: '1347**********7777', wallet: 'wechat-pay' });
    tenders.move(tenderId, ['created'], 'requested');
    tenders.move(tenderId, ['requested'], 'approved', { gatewayPaymentId: `GW-${t}` });
  };

  const bareDb = openDatabase(join(dir, 'bare.db'));
  bareDb.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = bareDb.prepare('INSERT INTO rows (body) VALUES (?)');
  const body = JSON.stringify({ tenderId: 'T01-P-bench-000000', saleId: 'S1', method: 'cpm', from: 'requested', to: 'approved', amount: 4500, currency: 'KRW', hash: 'f'.repeat(64) });
  const bareWrite = (): void => void insert.run(body);

  const perRun = 300;
  const writesPerSecond = (work: () => void, writes: number): number => {
    const start = performance.now();
    for (let i = 0; i < perRun; i++) work();
    return (perRun * writes) / ((performance.now() - start) / 1000);
  };
  for (let i = 0; i < 3; i++) {
    writesPerSecond(payment, 3);
    writesPerSecond(bareWrite, 1);
  }
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 15; i++) {
    ours.push(writesPerSecond(payment, 3));
    bare.push(writesPerSecond(bareWrite, 1));
  }
  const oursMedian = median(ours);
  const bareMedian = median(bare);
  printFigure({
    name: 'journal_append',
    value: oursMedian,
    unit: 'writes/s',
    n: 15 * perRun * 3,
    peer: 'bare_sqlite_insert_full_sync',
    peerValue: bareMedian,
    ratio: oursMedian / bareMedian,
  });
  ledger.close();
  bareDb.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
