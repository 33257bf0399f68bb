import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseOut } from '../../src/closeout/index.js';
import { BulkJournalWriter, type Ledger, migrations, openLedger } from '../../src/ledger/index.js';
import { splitVat } from '../../src/money/index.js';
import { dayAfter } from '../../src/platform/business-time.js';
import { PaymentStore } from '../../src/payments/payment-store.js';
import { Projector } from '../../src/payments/projector.js';
import type { PaymentRecordBodies, PaymentRecordKind, TenderStateBody } from '../../src/payments/records.js';
import { StaffList, hashPin } from '../../src/payments/roles.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { type Numbering, TemplateDay } from './template-day.js';

/**
 * A year of one till's journal, 1,000,000 payments over 365 business days:
 * the rows the payment engine writes, chained by the ledger's bulk writer
 * (src/ledger/journal-bulk.ts: the real row and hash, the tail kept in
 * memory). The first day's sales are folded by the real payment projector
 * and then copied onto every later day (template-day.ts: re-chained, their
 * projection rows copied); each day opens and ends with its own rows, takes
 * the year's remainder of one sale on its first days, and is closed by the
 * real close-out's Z report, one transaction per day. Generated once and
 * cached under os.tmpdir(); the last day is left open.
 */

export const YEAR = {
  // BENCH_YEAR_PAYMENTS / BENCH_YEAR_DAYS shrink the journal for a quick look; the figures are for the defaults.
  payments: Number(process.env.BENCH_YEAR_PAYMENTS ?? 1_000_000),
  days: Number(process.env.BENCH_YEAR_DAYS ?? 365),
  firstDay: '2025-01-01',
  terminalId: 'BENCH-01',
} as const;
export const OWNER_PIN = '9090';
export const staff = new StaffList([{ staffId: 'o1', name: 'Owner', role: 'owner', pinHash: hashPin(OWNER_PIN) }]);

// Bump when the generated content changes, so a stale cache is not reused.
const GENERATOR_VERSION = 4;
/** The sales of every day, the template's; the first `payments % days` days take one more. */
const DAY_SALES = Math.floor(YEAR.payments / YEAR.days);
const SALE = `${YEAR.terminalId}-S-`;
const TENDER = `${YEAR.terminalId}-P-`;
const NUMBERING: Numbering = { serialPrefixes: [SALE, TENDER, 'W-', 'G-'], billPrefix: `${YEAR.terminalId}B` };

/** The date of the generated year's last business day, the one left open. */
export function lastDay(): string {
  let date: string = YEAR.firstDay;
  for (let d = 1; d < YEAR.days; d++) date = dayAfter(date);
  return date;
}

/** The cached year journal's path, generating it first if needed (minutes, once). */
export async function yearJournal(log: (line: string) => void = () => undefined): Promise<string> {
  const dir = join(tmpdir(), 'counter-pos-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `year-journal-g${GENERATOR_VERSION}-s${migrations.length}-${YEAR.payments}-${YEAR.days}.db`);
  if (existsSync(file)) return file;
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const started = performance.now();
  await generate(partial, log);
  const generated = performance.now();
  // Written without fsync, the file's 3 GB are still dirty pages: flushed here, where they belong,
  // not by the first fsync of whatever runs next, which would wait for them all.
  const fd = openSync(partial, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(partial, file);
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(0);
  log(`generated ${file} in ${seconds(started, generated)} s, on disk ${seconds(generated, performance.now())} s later`);
  return file;
}

/** mulberry32: the same journal on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function generate(path: string, log: (line: string) => void): Promise<void> {
  const clock = new ManualClock(Date.parse(`${YEAR.firstDay}T08:00:00+09:00`));
  let records = 0;
  // Ordered v4-shaped ids: the same journal on every machine, and the record-id index grows at its end.
  const recordIds = () => `00000000-0000-4000-8000-${(++records).toString(16).padStart(12, '0')}`;
  const ledger = openLedger(path, { clock, recordIds });
  // A bench fixture, not a till: there is no power loss to survive while it is made (a half-made
  // file is thrown away and made again), so no fsync and no write-ahead log until it is done.
  ledger.db.pragma('synchronous = OFF');
  ledger.db.pragma('journal_mode = MEMORY');
  // The copies' references are checked once, whole, by test/bench/year-journal.test.ts, not per row here.
  ledger.db.pragma('foreign_keys = OFF');
  ledger.db.pragma('cache_size = -262144');
  const store = new PaymentStore(ledger);
  const closeout = new CloseOut({ ledger, payments: store, staff, clock, logger: silentLogger, config: { terminalId: YEAR.terminalId } });
  const day = new DayWriter(ledger, new BulkJournalWriter(ledger.db, recordIds), new Projector(ledger.db), clock, random(7));
  let date: string = YEAR.firstDay;
  for (let d = 0; d < YEAR.days; d++) {
    const count = DAY_SALES + (d < YEAR.payments % YEAR.days ? 1 : 0);
    day.write(date, count);
    if (d < YEAR.days - 1) {
      clock.set(Date.parse(`${date}T23:30:00+09:00`));
      await closeout.z({ ownerPin: OWNER_PIN, businessDate: date });
      day.afterZ();
      date = dayAfter(date);
    }
    if (d % 30 === 0) log(`day ${d + 1}/${YEAR.days}: journal row ${ledger.journal.tail().seq}`);
  }
  ledger.db.pragma('foreign_keys = ON');
  ledger.db.pragma('journal_mode = WAL');
  ledger.db.pragma('synchronous = FULL');
  ledger.close();
}

/** Rings up one day of payments straight into the store: the rows the payment engine writes, without the network. */
class DayWriter {
  private serial = 0;
  private bill = 0;
  private receipt = 0;
  /** The first day's sales, and the serials, bills and journal rows they began after and used. */
  private template: { day: TemplateDay; fromSeq: number; serial: number; bill: number; serials: number; bills: number } | undefined;

  constructor(
    private readonly ledger: Ledger,
    private readonly journal: BulkJournalWriter,
    private readonly projector: Projector,
    private readonly clock: ManualClock,
    private readonly rand: () => number,
  ) {}

  write(date: string, payments: number): void {
    const open = Date.parse(`${date}T09:00:00+09:00`);
    const step = Math.floor((13 * 3_600_000) / (DAY_SALES + 1));
    this.receipt = 0;
    this.ledger.journal.atomically(() => {
      this.clock.set(open - 600_000);
      // As the engine does with the day's first receipt number (src/payments/receipt-numbers.ts).
      this.record('business-day.opened', `day:${date}`, { businessDate: date });
      this.record('cash.movement', `M-${date}`, { movementId: `M-${date}`, kind: 'float', currency: 'KRW', amount: 100_000, reason: 'float' }, true);
      if (this.template) this.copyTemplate(date);
      else this.writeTemplate(date, open, step);
      for (let i = DAY_SALES; i < payments; i++) {
        this.clock.set(open + i * step);
        this.sale(date);
      }
      this.clock.set(open + 13 * 3_600_000);
      this.record('cash.movement', `O-${date}`, { movementId: `O-${date}`, kind: 'pay-out', currency: 'KRW', amount: 20_000, reason: 'supplies' }, true);
    });
  }

  /** The first day's sales, through the projector, kept as the template of every later day. */
  private writeTemplate(date: string, open: number, step: number): void {
    const fromSeq = this.journal.tailSeq() + 1;
    const { serial, bill } = this;
    for (let i = 0; i < DAY_SALES; i++) {
      this.clock.set(open + i * step);
      this.sale(date);
    }
    const day = new TemplateDay(this.ledger.db, this.journal, { businessDate: date, fromSeq, toSeq: this.journal.tailSeq() }, NUMBERING);
    this.template = { day, fromSeq, serial, bill, serials: this.serial - serial, bills: this.bill - bill };
  }

  /** The template's sales on `date`, numbered on from this day's first serial and bill. */
  private copyTemplate(date: string): void {
    const t = this.template!;
    t.day.copyTo(date, { serials: this.serial - t.serial, bills: this.bill - t.bill, seqs: this.journal.tailSeq() + 1 - t.fromSeq });
    this.serial += t.serials;
    this.bill += t.bills;
    this.receipt += DAY_SALES;
  }

  /** After a Z, appended through the journal itself: the gateway has had its rows, and the bulk writer reads the new tail. */
  afterZ(): void {
    this.ledger.outbox.acknowledgeAll();
    this.journal.resync();
  }

  /** One payment-engine row: chained, then folded by the projector, as PaymentStore.writeInTransaction does. */
  private record<K extends PaymentRecordKind>(kind: K, aggregateId: string, body: PaymentRecordBodies[K], sync = false): void {
    this.projector.project(kind, body, this.journal.append({ kind, aggregateId, body: body as unknown as Record<string, unknown>, sync }, this.clock.now()));
  }

  private sale(date: string): void {
    const n = ++this.serial;
    const receipt = ++this.receipt;
    const saleId = `${SALE}${n}`;
    const price = 1_000 + Math.floor(this.rand() * 60) * 500;
    const line = { name: 'item', unitPrice: price, quantity: 1 + (n % 3), tax: n % 7 === 0 ? ('tax-free' as const) : ('taxable' as const) };
    const vat = splitVat([{ tax: line.tax, amount: line.unitPrice * line.quantity }]);
    const priced = { total: vat.total, vat };
    this.record('sale.opened', saleId, {
      saleId, businessDate: date, currency: 'KRW', lines: [line], saleDiscount: 0, total: priced.total, vat,
    });
    const r = this.rand();
    const tenderId = `${TENDER}${n}`;
    const base = { tenderId, saleId, currency: 'KRW', amount: priced.total };
    const wallet = r < 0.12 ? 'wechat-pay' : r < 0.24 ? 'alipay' : r < 0.38 ? 'zeropay' : r < 0.4 ? 'unionpay' : undefined;
    if (r >= 0.4) {
      this.tender({ ...base, method: 'cash', from: null, to: 'approved', tendered: priced.total, change: 0 }, true);
    } else if (r < 0.002) {
      // A network cancellation (망취소), then cash.
      this.steps({ ...base, method: 'cpm' }, ['created', 'requested', 'unknown', 'inquiring', 'reversing', 'reversed'], { wallet });
      this.tender({ ...base, tenderId: `${tenderId}-C`, method: 'cash', from: null, to: 'approved' }, true);
    } else if (r < 0.03) {
      this.bill += 1;
      const billNumber = `${NUMBERING.billPrefix}${String(this.bill).padStart(8, '0')}`;
      this.tender({ ...base, method: 'mpm-offline', from: null, to: 'created', billNumber, billSeq: this.bill });
      this.tender({ ...base, method: 'mpm-offline', from: 'created', to: 'pending-confirmation' }, true);
      this.tender({ ...base, method: 'mpm-offline', from: 'pending-confirmation', to: 'approved', wallet, gatewayRequestId: `W-${n}`, gatewayPaymentId: `G-${n}` });
    } else if (r < 0.2) {
      this.steps({ ...base, method: 'mpm' }, ['created', 'requested', 'awaiting-customer', 'approved'], { wallet, gatewayPaymentId: `G-${n}` });
    } else {
      this.steps({ ...base, method: 'cpm' }, ['created', 'requested', 'approved'], { wallet, gatewayPaymentId: `G-${n}` });
    }
    const paid = r >= 0.002 ? tenderId : `${tenderId}-C`;
    const method = r >= 0.4 || r < 0.002 ? 'cash' : r < 0.03 ? 'mpm-offline' : r < 0.2 ? 'mpm' : 'cpm';
    this.record(
      'sale.completed',
      saleId,
      {
        // Numbered by the day, as src/payments/receipt-numbers.ts does.
        saleId, receiptNumber: `${date.replaceAll('-', '')}-${YEAR.terminalId}-${String(receipt).padStart(4, '0')}`, receiptSeq: receipt, businessDate: date,
        total: priced.total, currency: 'KRW', vat, tenders: [{ tenderId: paid, method, amount: priced.total }],
      },
      true,
    );
    if (r >= 0.4 ? n % 97 === 0 : n % 41 === 0) this.giveBack(paid, saleId, method, priced.total, (method === 'cpm' || method === 'mpm') && n % 2 === 0);
  }

  /** A same-day void (QR) or a refund of half the payment. */
  private giveBack(tenderId: string, saleId: string, method: TenderStateBody['method'], amount: number, voiding: boolean): void {
    const refundId = `${tenderId}-R`;
    const refunded = voiding ? amount : Math.floor(amount / 2);
    const body = { refundId, tenderId, saleId, method, kind: voiding ? ('void' as const) : ('refund' as const), currency: 'KRW', amount: refunded };
    this.record('refund.state', refundId, { ...body, from: null, to: 'requested' });
    this.record('refund.state', refundId, { ...body, from: 'requested', to: 'completed' }, true);
    this.tender({ tenderId, saleId, method, currency: 'KRW', amount, from: 'approved', to: voiding ? 'cancelled' : 'refunded-partially' });
  }

  private steps(base: Omit<TenderStateBody, 'from' | 'to'>, states: Array<TenderStateBody['to']>, last: Partial<TenderStateBody>): void {
    states.forEach((to, i) => {
      const extra = i === 0 ? { ...(last.wallet ? { wallet: last.wallet } : {}), maskedCode: '1300**********7777' } : i === states.length - 1 ? last : {};
      this.tender({ ...base, ...definedOnly(extra), from: i === 0 ? null : states[i - 1]!, to });
    });
  }

  private tender(body: TenderStateBody, sync = false): void {
    this.record('tender.state', body.tenderId, definedOnly(body) as TenderStateBody, sync);
  }
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
