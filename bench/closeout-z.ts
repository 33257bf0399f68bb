// Z report for one business day in a journal of 1,000,000 payments over a year (target < 100 ms).
// The Z runs for real (report, reconciliation against a full-size statement, the closeout.z
// record, the day's closing and the next day's opening rows) inside a transaction that is rolled
// back after each run, so every run closes the same day of the cached journal.
import { type CloseoutReport, CloseOut } from '../src/closeout/index.js';
import { foldDay } from '../src/closeout/day-figures.js';
import { DayRanges } from '../src/closeout/day-range.js';
import { DayRowReader } from '../src/closeout/day-rows.js';
import { Journal, type Ledger, Outbox, openLedger } from '../src/ledger/index.js';
import { PaymentStore } from '../src/payments/payment-store.js';
import { ManualClock } from '../src/platform/clock.js';
import { silentLogger } from '../src/platform/logger.js';
import { GatewayUnreachableError, type RelayGateway } from '../src/relay/gateway.js';
import type { SettlementLine, Wallet } from '../src/relay/protocol.js';
import { median, printFigure, timeMany } from './lib/measure.js';
import { OWNER_PIN, YEAR, lastDay, staff, yearJournal } from './lib/year-journal.js';

const WARMUP = 3;
const RUNS = 21;

/** A gateway that only answers settlement statements: each date's lines, made once. */
function statementGateway(linesOf: (date: string) => SettlementLine[]): RelayGateway {
  const offline = () => Promise.reject(new GatewayUnreachableError('connection', 'bench: statements only', 'bench'));
  const made = new Map<string, SettlementLine[]>();
  return {
    pay: offline, createOrderCode: offline, inquire: offline, cancel: offline, refund: offline, inquireRefund: offline, lookupByBill: offline,
    uploadJournal: offline, exchangeRates: offline,
    settlement: async (date) => {
      const lines = made.get(date) ?? made.set(date, linesOf(date).filter((l) => l.at.startsWith(date))).get(date)!;
      return { result: { status: 'S', code: 'SUCCESS', message: 'bench' }, statement: { businessDate: date, terminalId: YEAR.terminalId, lines } };
    },
    subscribe: () => ({ close: () => undefined }),
    connectivity: () => 'online',
    onConnectivityChange: () => () => undefined,
  };
}

/** The statement the gateway would send for the day: one line per wallet payment, void and refund the journal has. */
function statementFor(ledger: Ledger, businessDate: string): SettlementLine[] {
  const range = new DayRanges(ledger.db, 4).range(businessDate);
  const rows = new DayRowReader(ledger.db);
  const figures = foldDay(range.lastSeq, rows.read(range.windows), rows, 4);
  return figures.posLines.map((l) => ({
    type: l.type,
    paymentId: `G-${l.paymentRequestId}`,
    paymentRequestId: l.paymentRequestId,
    ...(l.refundRequestId ? { refundRequestId: l.refundRequestId } : {}),
    wallet: (l.channel === 'cash' ? 'other' : l.channel) as Wallet,
    amount: { currency: 'KRW', value: String(l.amount) },
    ...(l.channel === 'wechat-pay' || l.channel === 'alipay' ? { customerAmount: { currency: 'CNY', value: String(Math.round(l.amount * 0.51)) } } : {}),
    fee: { currency: 'KRW', value: String(Math.round(l.amount / 50)) },
    net: { currency: 'KRW', value: String(l.type === 'PAYMENT' ? l.amount - Math.round(l.amount / 50) : -l.amount) },
    // Every line on the statement date the day started on (KST): the gateway's calendar date.
    at: new Date(Date.parse(`${businessDate}T12:00:00+09:00`)).toISOString(),
  }));
}

const file = await yearJournal((line) => console.error(`bench closeout-z: ${line}`));
const clock = new ManualClock();
const ledger = openLedger(file, { clock });
// The last generated day: the generator leaves it open (its sales, no Z).
const businessDate = lastDay();
clock.set(Date.parse(`${businessDate}T23:30:00+09:00`));
const gateway = statementGateway((date) => statementFor(ledger, date));

function closeoutOver(db: typeof ledger.db): CloseOut {
  // Fresh journal objects each run: the rollback leaves the previous ones' chain tail behind.
  const store: Ledger = { ...ledger, journal: new Journal(db, clock), outbox: new Outbox(db, clock) };
  return new CloseOut({ ledger: store, payments: new PaymentStore(store), gateway, staff, clock, logger: silentLogger, config: { terminalId: YEAR.terminalId } });
}

// The generator closed every day without a gateway: reconcile the last week once, committed, as the
// first X with the gateway back would (each day's statement matching it), so each measured Z is an
// ordinary one, not seven amendments. The statement lines are dated at noon KST, on the day itself.
await closeoutOver(ledger.db).x({ reconcile: true });

const zTimes: number[] = [];
let z: CloseoutReport | undefined;
for (let i = 0; i < WARMUP + RUNS; i++) {
  ledger.db.exec('BEGIN');
  const closeout = closeoutOver(ledger.db);
  const start = performance.now();
  z = await closeout.z({ ownerPin: OWNER_PIN, businessDate });
  const ms = performance.now() - start;
  ledger.db.exec('ROLLBACK');
  if (i >= WARMUP) zTimes.push(ms);
}
const context = {
  payments: YEAR.payments,
  days: YEAR.days,
  dayPayments: z!.gross.count,
  statementLines: z!.reconciliation.matched,
  journalRows: ledger.journal.tail().seq,
};
printFigure({ name: 'closeout_z_1m', value: median(zTimes), unit: 'ms', n: RUNS, ...context });

const x = closeoutOver(ledger.db);
const xTimes = await timeMany(() => x.x({ reconcile: true }), { warmup: WARMUP, runs: RUNS });
printFigure({ name: 'closeout_x_1m', value: median(xTimes), unit: 'ms', n: RUNS, ...context });
ledger.close();
