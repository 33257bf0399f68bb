// Durable payment-state writes per second: each a journal row (hash-chained)
// plus its projection, one transaction, WAL + synchronous=FULL, through the
// engine's own PaymentStore (tender created → requested → approved), against a
// bare better-sqlite3 loop inserting rows of the same size, one transaction
// each, with the same pragmas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openLedger } from '../src/ledger/index.js';
import { systemClock } from '../src/platform/clock.js';
import { printFigure } from './lib/measure.js';
import { bareInsert, tenderWrites } from './lib/tender-writes.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
try {
  const ledger = openLedger(join(dir, 'till.db'), { clock: systemClock });
  const { steps, nextTenderId } = tenderWrites(ledger);
  const payment = (): void => {
    const tenderId = nextTenderId();
    for (const step of steps) step(tenderId);
  };
  const bareDb = openDatabase(join(dir, 'bare.db'));
  const bareWrite = bareInsert(bareDb);

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
