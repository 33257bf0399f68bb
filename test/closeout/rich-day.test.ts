import { afterEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';
import { walletCode } from '../payments/harness.js';
import { customerPays } from './business-day.js';
import { CASHIER_PIN, type ClosingTill, MANAGER_PIN, OWNER_PIN, kst, startClosingTill, until } from './closing-till.js';

const tempDir = useTempDir('pos-closeout-rich-');
let till: ClosingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

type Tax = 'taxable' | 'tax-free';
type Line = { name: string; unitPrice: number; quantity: number; tax: Tax; discount?: number };
type Method = 'cash' | 'card' | 'easyPay';
type Wallet = 'zeropay' | 'wechat-pay' | 'alipay' | 'other';

/** 공급가액 of a VAT-inclusive taxable amount (부가가치세법: 10 %, rounded half up). */
const supplyOf = (taxable: number) => Math.round((taxable * 10) / 11);

/**
 * The test's own books, kept from the carts it rings up and the money it
 * moves (never read from the journal): what every Z figure must come to.
 */
class Book {
  gross = { count: 0, amount: 0 };
  refunds = { count: 0, amount: 0 };
  voids = { count: 0, amount: 0 };
  /** 망취소: payments the gateway charged but the till never heard approved, reversed; never a sale. */
  networkCancellations = { count: 0, amount: 0 };
  discounts = { count: 0, amount: 0 };
  receipts = 0;
  vat = { supply: 0, vat: 0, taxFree: 0 };
  methods: Record<Method, { sales: number; refunds: number; cancellations: number }> = {
    cash: { sales: 0, refunds: 0, cancellations: 0 },
    card: { sales: 0, refunds: 0, cancellations: 0 },
    easyPay: { sales: 0, refunds: 0, cancellations: 0 },
  };
  wallets = new Map<Wallet, { sales: number; refunds: number; cancellations: number }>();
  items = new Map<string, { quantity: number; amount: number }>();
  hours = new Map<number, { count: number; amount: number }>();
  cash = { float: 0, sales: 0, refunds: 0, payIns: 0, payOuts: 0 };
  cashReceipts = { incomeDeduction: { count: 0, amount: 0 }, expenseProof: { count: 0, amount: 0 } };

  /** A completed sale: its lines after discounts, and the VAT of each tax class. */
  sold(lines: Line[], saleDiscount = 0): void {
    this.receipts += 1;
    // Every sale here takes its sale discount off a single line: no spreading to work out.
    const amounts = lines.map((l, i) => l.unitPrice * l.quantity - (l.discount ?? 0) - (i === 0 ? saleDiscount : 0));
    const discount = saleDiscount + lines.reduce((n, l) => n + (l.discount ?? 0), 0);
    if (discount > 0) {
      this.discounts.count += 1;
      this.discounts.amount += discount;
    }
    lines.forEach((l, i) => {
      const item = this.items.get(l.name) ?? { quantity: 0, amount: 0 };
      item.quantity += l.quantity;
      item.amount += amounts[i]!;
      this.items.set(l.name, item);
    });
    const taxable = lines.reduce((n, l, i) => n + (l.tax === 'taxable' ? amounts[i]! : 0), 0);
    this.bookVat(taxable, amounts.reduce((n, a) => n + a, 0) - taxable, 1);
  }

  paid(method: Method, amount: number, at: number, wallet?: Wallet): void {
    this.gross.count += 1;
    this.gross.amount += amount;
    this.methods[method].sales += amount;
    if (method === 'cash') this.cash.sales += amount;
    if (wallet) this.wallet(wallet).sales += amount;
    const hour = new Date(at + 9 * 3_600_000).getUTCHours();
    const h = this.hours.get(hour) ?? { count: 0, amount: 0 };
    h.count += 1;
    h.amount += amount;
    this.hours.set(hour, h);
  }

  /**
   * A refund (or a void: `cancellation`) of `taxable` + `taxFree` won of a
   * sale that kept `kept` until then. Its VAT is what the sale's VAT loses:
   * the VAT of what it kept less the VAT of what it keeps (so the refund slip
   * and the sale's remaining receipt add up).
   */
  gaveBack(kind: 'refunds' | 'cancellations', method: Method, taxable: number, taxFree: number, kept: { taxable: number; taxFree: number }, wallet?: Wallet): void {
    const amount = taxable + taxFree;
    const figure = kind === 'refunds' ? this.refunds : this.voids;
    figure.count += 1;
    figure.amount += amount;
    this.methods[method][kind] += amount;
    if (method === 'cash' && kind === 'refunds') this.cash.refunds += amount;
    if (wallet) this.wallet(wallet)[kind] += amount;
    this.bookVat(kept.taxable, kept.taxFree, -1);
    this.bookVat(kept.taxable - taxable, kept.taxFree - taxFree, 1);
  }

  get net(): number {
    return this.gross.amount - this.refunds.amount - this.voids.amount;
  }

  private bookVat(taxable: number, taxFree: number, sign: 1 | -1): void {
    this.vat.supply += sign * supplyOf(taxable);
    this.vat.vat += sign * (taxable - supplyOf(taxable));
    this.vat.taxFree += sign * taxFree;
  }

  private wallet(w: Wallet) {
    const found = this.wallets.get(w) ?? { sales: 0, refunds: 0, cancellations: 0 };
    this.wallets.set(w, found);
    return found;
  }
}

const zeropayCode = (n: number) => `ZP${String(n).padStart(10, '0')}7777`;
const alipayCode = (n: number) => `28${String(n).padStart(18, '0')}7777`;

describe('a rich day, every Z figure against the test’s own cart arithmetic (issue 15, Done when 1)', () => {
  it('closes a day of cash, card slips, four kinds of QR, a shop QR, splits, discounts, a return by line, a void, a network cancellation, a cash refund, 현금영수증, an offline QR written off and a short drawer', async () => {
    till = await startClosingTill(tempDir(), kst('2026-03-10T08:50:00'), 4, { offlineMpm: { unmatchedAfterMs: 1 } });
    const t = till;
    const engine = () => t.engine;
    const book = new Book();
    const at = (hhmm: string) => (t.clock.set(kst(`2026-03-10T${hhmm}:00`)), kst(`2026-03-10T${hhmm}:00`));
    const line = (name: string, unitPrice: number, quantity = 1, tax: Tax = 'taxable', discount?: number): Line => ({ name, unitPrice, quantity, tax, ...(discount ? { discount } : {}) });
    const open = (lines: Line[], saleDiscount = 0) => engine().openSale({ lines, ...(saleDiscount ? { saleDiscount } : {}) }).saleId;

    at('08:55');
    await engine().cashMovement('float', 50_000, '준비금', CASHIER_PIN);
    book.cash.float += 50_000;

    // 09: cash, a line discount, a tax-free line, 현금영수증 소득공제.
    let now = at('09:10');
    const s1 = [line('김밥', 3_000, 2, 'taxable', 500), line('생수', 1_000, 1, 'tax-free')];
    await engine().takeCash(open(s1), 10_000, { cashReceipt: { identifier: '010-9876-5432' } });
    book.sold(s1);
    book.paid('cash', 6_500, now);
    book.cashReceipts.incomeDeduction = { count: 1, amount: 6_500 };

    // 10: WeChat Pay.
    now = at('10:00');
    const s2 = [line('맥주', 6_000, 2)];
    await engine().payByCode(open(s2), walletCode(1));
    book.sold(s2);
    book.paid('easyPay', 12_000, now, 'wechat-pay');

    // 11: Zero Pay.
    now = at('11:00');
    const s3 = [line('안주', 8_800)];
    await engine().payByCode(open(s3), zeropayCode(2));
    book.sold(s3);
    book.paid('easyPay', 8_800, now, 'zeropay');

    // 12: Alipay+, then the tax-free line comes back (a return by line).
    now = at('12:00');
    const s4 = [line('화장품', 15_000), line('과일', 5_000, 1, 'tax-free')];
    const alipay = await engine().payByCode(open(s4), alipayCode(3));
    book.sold(s4);
    book.paid('easyPay', 20_000, now, 'alipay');
    at('12:30');
    const returned = await engine().refund({ tenderId: alipay.tender.tenderId, lines: [{ line: 1, quantity: 1 }], managerPin: MANAGER_PIN, reason: '반품' });
    expect(returned).toMatchObject({ state: 'completed', amount: 5_000 });
    book.gaveBack('refunds', 'easyPay', 0, 5_000, { taxable: 15_000, taxFree: 5_000 }, 'alipay');

    // 13: a card slip from the standalone terminal.
    now = at('13:00');
    const s5 = [line('한우', 33_000)];
    await engine().takeCardSlip(open(s5), { approvalNumber: '30012345', cardCompany: '신한', installmentMonths: 0 });
    book.sold(s5);
    book.paid('card', 33_000, now);

    // 14: WeChat Pay, voided the same day.
    now = at('14:00');
    const s6 = [line('소주', 9_900)];
    const voided = await engine().payByCode(open(s6), walletCode(4));
    book.sold(s6);
    book.paid('easyPay', 9_900, now, 'wechat-pay');
    at('14:10');
    expect(await engine().refund({ tenderId: voided.tender.tenderId, managerPin: MANAGER_PIN, reason: '주문 취소' })).toMatchObject({ kind: 'void', state: 'completed' });
    book.gaveBack('cancellations', 'easyPay', 9_900, 0, { taxable: 9_900, taxFree: 0 }, 'wechat-pay');

    // 15: a split, 5,000 cash and the rest by Zero Pay.
    now = at('15:00');
    const s7 = [line('도시락', 12_000)];
    const split = open(s7);
    await engine().takeCash(split, 5_000, { part: 5_000 });
    await engine().payByCode(split, zeropayCode(5));
    book.sold(s7);
    book.paid('cash', 5_000, now);
    book.paid('easyPay', 7_000, now, 'zeropay');

    // 16: cash with 현금영수증 지출증빙 (a business number).
    now = at('16:00');
    const s8 = [line('문구', 4_400)];
    await engine().takeCash(open(s8), 4_400, { cashReceipt: { identifier: '1248100998' } });
    book.sold(s8);
    book.paid('cash', 4_400, now);
    book.cashReceipts.expenseProof = { count: 1, amount: 4_400 };

    // 17: cash, 2,000 of it given back in cash.
    now = at('17:00');
    const s9 = [line('과자', 7_000)];
    const cash9 = await engine().takeCash(open(s9), 7_000);
    book.sold(s9);
    book.paid('cash', 7_000, now);
    at('17:20');
    await engine().refund({ tenderId: cash9.tender.tenderId, amount: 2_000, managerPin: MANAGER_PIN, reason: '일부 환불' });
    book.gaveBack('refunds', 'cash', 2_000, 0, { taxable: 7_000, taxFree: 0 });

    // 18: a discount on the whole sale; pay-in and pay-out.
    now = at('18:00');
    const s10 = [line('라면', 1_500, 3)];
    await engine().takeCash(open(s10, 1_000), 3_500);
    book.sold(s10, 1_000);
    book.paid('cash', 3_500, now);
    at('18:30');
    await engine().cashMovement('pay-in', 10_000, '잔돈 보충', MANAGER_PIN);
    await engine().cashMovement('pay-out', 3_000, '택배비', MANAGER_PIN);
    book.cash.payIns += 10_000;
    book.cash.payOuts += 3_000;

    // 19: the network is down; an offline QR the customer says they paid, never reported by the gateway, written off.
    now = at('19:00');
    t.sandbox.setFaults({ rules: [{ fault: 'drop-before' }] });
    await t.closeout.x({ reconcile: true });
    await until(() => t.gateway.connectivity() === 'offline', 'offline');
    const s11 = [line('치킨', 11_000)];
    const qr = await engine().showPaymentQr(open(s11));
    engine().settleOfflineQr(qr.tenderId, true);
    book.sold(s11);
    book.paid('easyPay', 11_000, now, 'other');
    at('19:40');
    t.sandbox.setFaults({ rules: [] });
    await until(() => t.ledger.outbox.depth() === 0, 'synced after the outage', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await engine().matchOfflinePayments();
    await until(() => engine().store.tender(qr.tenderId)!.state === 'unmatched', 'unmatched');
    await engine().writeOffOfflineQr(qr.tenderId, MANAGER_PIN, '결제 확인 안 됨');
    book.gaveBack('cancellations', 'easyPay', 11_000, 0, { taxable: 11_000, taxFree: 0 }, 'other');

    // 20: a shop QR (MPM) on the counter display, paid by the customer's Alipay+.
    now = at('20:00');
    const s12 = [line('케이크', 25_000)];
    const shopQr = await engine().showPaymentQr(open(s12));
    await customerPays(t, { paymentRequestId: shopQr.tenderId, wallet: 'alipay' });
    expect((await shopQr.outcome).tender.state).toBe('approved');
    book.sold(s12);
    book.paid('easyPay', 25_000, now, 'alipay');

    // 20:30 the wallet never answers: the inquiries run out and the payment is reversed (망취소);
    // the customer pays by card on the standalone terminal instead.
    now = at('20:30');
    const s13 = [line('와인', 6_000)];
    const reversedSale = open(s13);
    const paying = engine().payByCode(reversedSale, walletCode(13, '0096'));
    await until(() => engine().store.tendersOfSale(reversedSale).some((x) => x.state === 'inquiring'), 'inquiring');
    t.clock.advance(1_000);
    await paying;
    await until(() => engine().store.tendersOfSale(reversedSale)[0]!.state === 'reversed', 'reversed');
    book.networkCancellations = { count: 1, amount: 6_000 };
    await engine().takeCardSlip(reversedSale, { approvalNumber: '30012399', cardCompany: 'KB국민', installmentMonths: 0 });
    book.sold(s13);
    book.paid('card', 6_000, t.clock.now());

    // 22: the drawer is ₩3,500 short; the owner closes.
    at('22:00');
    const expected = book.cash.float + book.cash.sales - book.cash.refunds + book.cash.payIns - book.cash.payOuts;
    expect(expected).toBe(81_400);
    const counted = { '50000': 1, '10000': 2, '5000': 1, '1000': 2, '500': 1, '100': 4 };
    await t.closeout.cashCount({ pin: MANAGER_PIN, denominations: counted, reason: '거스름돈 착오' });
    await until(() => t.ledger.outbox.depth() === 0, 'synced');
    const z = await t.closeout.z({ ownerPin: OWNER_PIN });

    expect(z.totals).toEqual({
      gross: book.gross.amount,
      discounts: book.discounts.amount,
      refunds: book.refunds.amount,
      voids: book.voids.amount,
      net: book.net,
      receipts: book.receipts,
      payments: book.gross.count,
      customers: book.receipts,
      averagePerCustomer: Math.round(book.net / book.receipts),
    });
    expect([z.gross, z.refunds, z.cancellations]).toEqual([book.gross, book.refunds, book.voids]);
    expect(z.networkCancellations).toEqual(book.networkCancellations);
    expect(z.totals).toMatchObject({ receipts: 13, payments: 14 });
    for (const method of ['cash', 'card', 'easyPay'] as const) {
      const m = book.methods[method];
      expect(z.byMethod[method], method).toMatchObject({ sales: { amount: m.sales }, refunds: { amount: m.refunds }, cancellations: { amount: m.cancellations }, net: m.sales - m.refunds - m.cancellations });
    }
    expect(z.byMethod.other.net).toBe(0);
    for (const wallet of ['zeropay', 'wechat-pay', 'alipay', 'other'] as const) {
      const w = book.wallets.get(wallet)!;
      expect(z.byWallet[wallet], wallet).toMatchObject({ sales: { amount: w.sales }, refunds: { amount: w.refunds }, cancellations: { amount: w.cancellations } });
    }
    const { byCalendarDate, taxable, total, ...vat } = z.vat;
    expect(vat).toEqual(book.vat);
    expect(taxable).toBe(book.vat.supply);
    expect(total).toBe(book.net);
    expect(byCalendarDate).toEqual([{ date: '2026-03-10', sales: book.net, taxable: book.vat.supply, vat: book.vat.vat, taxFree: book.vat.taxFree }]);
    expect(z.totals.discounts).toBe(1_500);
    expect(z.cashReceipts).toEqual(book.cashReceipts);
    expect(z.cash).toMatchObject({ ...book.cash, expected, counted: 77_900, difference: -3_500, overShort: -3_500, reason: '거스름돈 착오' });
    // Every hour from the cut-off, the empty ones as zeros.
    expect(z.byHour).toHaveLength(24);
    for (const h of z.byHour) expect(h, `${h.hour}시`).toEqual({ hour: h.hour, ...(book.hours.get(h.hour) ?? { count: 0, amount: 0 }) });
    // By item: the largest and the rest come to what was sold.
    const items = [...z.byItem.top];
    for (const i of items) expect(i, i.name).toEqual({ name: i.name, ...book.items.get(i.name)! });
    const soldTotal = [...book.items.values()].reduce((n, i) => n + i.amount, 0);
    expect(items.reduce((n, i) => n + i.amount, 0) + z.byItem.rest.amount).toBe(soldTotal);
    expect(items.length + z.byItem.rest.items).toBe(book.items.size);
    // The written-off QR is the day's correction too; the reconciliation finds nothing wrong.
    expect(z.corrections).toEqual([expect.objectContaining({ kind: 'offline-qr-write-off', businessDate: '2026-03-10', amount: 11_000 })]);
    expect(z.reconciliation).toMatchObject({ status: 'done', missingAtGateway: [], missingInPos: [], mismatched: [], duplicates: [], walletMismatched: [], feeMismatched: [] });
    expect(z.closing).toMatchObject({ closedByName: 'Owner Park', recordedOpen: false });
  }, 60_000);
});
