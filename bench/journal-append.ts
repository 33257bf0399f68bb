// Durable payment-state writes per second: each a journal row (hash-chained)
// plus its projection, one transaction, WAL + synchronous=FULL, through the
// engine's own PaymentStore (tender created → requested → approved), against a
// bare better-sqlite3 loop inserting rows of the same size, one transaction
// each, with the same pragmas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openLedger } from '../src/ledger/index.js';
import { PaymentEvents } from '../src/payments/events.js';
import { IdFactory } from '../src/payments/ids.js';
import { PaymentStore } from '../src/payments/payment-store.js';
import { TenderBook } from '../src/payments/tender-book.js';
import { systemClock } from '../src/platform/clock.js';
import { silentLogger } from '../src/platform/logger.js';
import { printFigure } from './lib/measure.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
try {
  const ledger = openLedger(join(dir, 'till.db'), { clock: systemClock });
  const store = new PaymentStore(ledger);
  const tenders = new TenderBook(store, new PaymentEvents(silentLogger));
  store.write('sale.opened', 'S1', {
    saleId: 'S1', businessDate: '2026-01-05', currency: 'KRW', lines: [], saleDiscount: 0, total: 0,
    vat: { supply: 0, vat: 0, taxFree: 0, total: 0 },
  });
  // The engine's own tender ids (time, then random bits): the journal's aggregate index and the
  // tender table's key grow at their end as on a till, not at a leaf anywhere as a counter's
  // decimal text does ('T01-P-10' sorts before 'T01-P-9').
  const ids = new IdFactory('T01', systemClock);
  let t = 0;
  /** Three state changes of one payment: three durable writes. */
  const payment = (): void => {
    const tenderId = ids.next('P');
    t++;
    tenders.open({ tenderId, saleId: 'S1', method: 'cpm', to: 'created', currency: 'KRW', amount: 4_500, maskedCode: '1347**********7777', wallet: 'wechat-pay' });
    tenders.move(tenderId, ['created'], 'requested');
    tenders.move(tenderId, ['requested'], 'approved', { gatewayPaymentId: `GW-${t}` });
  };

  const bareDb = openDatabase(join(dir, 'bare.db'));
  bareDb.exec('CREATE TABLE rows (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = bareDb.prepare('INSERT INTO rows (body) VALUES (?)');
  const body = JSON.stringify({ tenderId: 'T01-P-bench-000000', saleId: 'S1', method: 'cpm', from: 'requested', to: 'approved', amount: 4500, currency: 'KRW', hash: 'f'.repeat(64) });
  const bareWrite = (): void => void insert.run(body);

  // Paired short rounds, alternating which side goes first: the disk here is shared, and its
  // commit rate swings several-fold within seconds, so long separate blocks compared two
  // different disks. Each round gives both sides the same conditions; totals over all rounds.
  const paymentsPerRound = 20;
  const rounds = 75;
  const timed = (work: () => void, times: number): number => {
    const start = performance.now();
    for (let i = 0; i < times; i++) work();
    return performance.now() - start;
  };
  for (let i = 0; i < 3; i++) {
    timed(payment, 100);
    timed(bareWrite, 300);
  }
  let oursMs = 0;
  let bareMs = 0;
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      oursMs += timed(payment, paymentsPerRound);
      bareMs += timed(bareWrite, paymentsPerRound * 3);
    } else {
      bareMs += timed(bareWrite, paymentsPerRound * 3);
      oursMs += timed(payment, paymentsPerRound);
    }
  }
  const writes = rounds * paymentsPerRound * 3;
  const oursRate = writes / (oursMs / 1000);
  const bareRate = writes / (bareMs / 1000);
  printFigure({
    name: 'journal_append',
    value: oursRate,
    unit: 'writes/s',
    n: writes,
    peer: 'bare_sqlite_insert_full_sync',
    peerValue: bareRate,
    ratio: oursRate / bareRate,
  });
  ledger.close();
  bareDb.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
