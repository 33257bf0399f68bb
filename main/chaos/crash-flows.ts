import { buildDynamicMpm } from '../../src/codes/index.js';
import { money } from '../../src/money/index.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import type { TenderRow } from '../../src/payments/payment-rows.js';
import type { PaymentFacts } from '../../src/payments/payment-facts.js';
import { isInFlight } from '../../src/payments/payment-states.js';
import { kstDate, startOfKstDate } from '../../src/platform/business-time.js';
import type { RelayClient } from '../../src/relay/relay-client.js';
import type { Cable } from './crash-cable.js';
import type { fileOffsetClock } from './crash-clock.js';
import { CHAOS_MANAGER_PIN, chaosWalletCode } from './chaos-plan.js';
import { CRASH_MERCHANT } from './crash-till.js';

/** What a flow drives: the till of one cell, the gateway's customer side, the cable and the shop's clock. */
export interface FlowTill {
  engine: PaymentEngine;
  facts: PaymentFacts;
  gateway: RelayClient;
  cable: Cable;
  clock: ReturnType<typeof fileOffsetClock>;
  /** The sandbox itself, not through the cable: the customer's phone has its own network. */
  sandboxUrl: string;
  terminalId: string;
}

/**
 * One flow of the crash matrix (issue 12, Deliver 4). `run` is the cashier
 * at the till: it reads what the journal says and does the next step, so the
 * same script finishes the flow after a restart from wherever the kill left
 * it (a cashier who sees the sale open carries on; one who sees a payment
 * pending waits). The sales are tagged `chaos-<i>`, like `pos chaos`'s,
 * so reconcile.ts checks them the same way.
 */
export interface CrashFlow {
  name: string;
  sales: number;
  /** Where the shop's clock starts, if not now (ms since the epoch). */
  startsAt?: (now: number) => number;
  run(till: FlowTill): Promise<void>;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export const CRASH_FLOWS: readonly CrashFlow[] = [
  { name: 'cpm-approve', sales: 1, run: (t) => cpmSale(t, '7777') },
  // USERPAYING: the customer types a password, the till inquires until it succeeds.
  { name: 'password-wait', sales: 1, run: (t) => cpmSale(t, '0091') },
  // The wallet never answers: inquiries run out, the till reverses (망취소), the cashier takes cash.
  { name: 'unknown-reverse', sales: 1, run: (t) => cpmSale(t, '0096') },
  { name: 'mpm-online', sales: 1, run: mpmOnline },
  { name: 'offline-paid', sales: 1, run: (t) => offlineBill(t, 'paid') },
  { name: 'offline-unpaid', sales: 1, run: (t) => offlineBill(t, 'unpaid') },
  { name: 'offline-abandoned', sales: 1, run: (t) => offlineBill(t, 'abandoned') },
  { name: 'offline-paid-after-abandon', sales: 1, run: (t) => offlineBill(t, 'paid-after-abandon') },
  { name: 'split-tender', sales: 1, run: splitTender },
  { name: 'partial-refunds', sales: 1, run: (t) => refundedSale(t, [2_000, 3_000]) },
  { name: 'void', sales: 1, run: (t) => refundedSale(t, [9_000]) },
  {
    name: 'late-void',
    sales: 1,
    // A sale two minutes before midnight KST, voided after the gateway's cancel window closed at 00:15.
    startsAt: (now) => startOfKstDate(kstDate(now)) + 24 * HOUR_MS - 2 * MINUTE_MS,
    run: (t) => refundedSale(t, [9_000], { after: (sale) => startOfKstDate(kstDate(sale)) + 24 * HOUR_MS + 16 * MINUTE_MS }),
  },
  { name: 'cash-receipt', sales: 1, run: cashReceiptSale },
];

/** The flow called `name`, or an error naming the known ones. */
export function crashFlow(name: string): CrashFlow {
  const flow = CRASH_FLOWS.find((f) => f.name === name);
  if (!flow) throw new Error(`unknown crash flow ${name}; known: ${CRASH_FLOWS.map((f) => f.name).join(', ')}`);
  return flow;
}

/** The tagged sale `index`, opened if the journal has none yet. */
function sale(t: FlowTill, index: number, amount: number): string {
  const existing = t.facts.saleTagged(`chaos-${index}`);
  if (existing) return existing.saleId;
  return t.engine.openSale({ lines: [{ name: `Item ${index}`, unitPrice: amount, quantity: 1, tax: 'taxable' }], cashierId: `chaos-${index}` }).saleId;
}

const isOpen = (t: FlowTill, saleId: string): boolean => t.engine.store.sale(saleId)!.state === 'open';
const tenders = (t: FlowTill, saleId: string): TenderRow[] => t.engine.store.tendersOfSale(saleId);

/** Waits (as the cashier does) until no payment of the sale is in flight or being reversed. */
async function quiet(t: FlowTill, saleId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (tenders(t, saleId).some((x) => isInFlight(x.state) || x.state === 'reversing')) {
    if (Date.now() > deadline) throw new Error(`sale ${saleId} still has a payment in flight after 60 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The cashier closes what is left: nothing paid, the sale is abandoned; some paid, the rest in cash. */
async function finish(t: FlowTill, saleId: string): Promise<void> {
  await quiet(t, saleId);
  if (!isOpen(t, saleId)) return;
  const { paid, due } = t.engine.balance(saleId);
  if (paid === 0) t.engine.abandonSale(saleId, 'payment did not go through');
  else if (due > 0) await t.engine.takeCash(saleId, due);
}

async function cpmSale(t: FlowTill, magic: string): Promise<void> {
  const s = sale(t, 0, 5_000);
  if (isOpen(t, s) && tenders(t, s).length === 0) await t.engine.payByCode(s, chaosWalletCode(0, 0, magic));
  await finish(t, s);
}

/** The customer pays with their phone, over their own network. */
async function customerPays(t: FlowTill, body: object): Promise<void> {
  await fetch(`${t.sandboxUrl}/sandbox/customer/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId: t.terminalId, ...body }),
  });
}

async function mpmOnline(t: FlowTill): Promise<void> {
  const s = sale(t, 0, 6_000);
  if (isOpen(t, s) && tenders(t, s).length === 0) {
    const session = await t.engine.showPaymentQr(s);
    if (session.offline) throw new Error('the gateway was expected online');
    await customerPays(t, { paymentRequestId: session.tenderId });
    await session.outcome;
  }
  // Killed with the order code on the display: the customer still has it and pays now.
  const waiting = tenders(t, s).find((x) => x.state === 'awaiting-customer');
  if (waiting) await customerPays(t, { paymentRequestId: waiting.tenderId });
  await finish(t, s);
}

/** The cable pulled: the till's calls fail until it calls the gateway offline. */
async function goOffline(t: FlowTill): Promise<void> {
  t.cable.unplug();
  for (let i = 0; i < 20 && t.gateway.connectivity() !== 'offline'; i++) await t.gateway.exchangeRates().catch(() => undefined);
  if (t.gateway.connectivity() !== 'offline') throw new Error('the till did not go offline with the cable out');
}

/** The bill as the customer's phone scanned it from the display (the till built it from these facts). */
function billPayload(t: FlowTill, bill: TenderRow): string {
  return buildDynamicMpm(
    { ...CRASH_MERCHANT, terminalLabel: t.terminalId },
    { amount: money(bill.amount, bill.currency), billNumber: bill.billNumber!, validUntil: bill.expiresAt! },
  );
}

type OfflineEnding = 'paid' | 'unpaid' | 'abandoned' | 'paid-after-abandon';

/** An offline QR on the display; the customer pays it, or not, or only after the cashier gave up on it. */
async function offlineBill(t: FlowTill, ending: OfflineEnding): Promise<void> {
  const s = sale(t, 0, 6_000);
  if (isOpen(t, s) && tenders(t, s).length === 0) {
    await goOffline(t);
    await t.engine.showPaymentQr(s);
  }
  const bill = tenders(t, s).find((x) => x.method === 'mpm-offline');
  if (!bill) throw new Error('the sale has no offline bill');
  if (bill.state === 'created') {
    if (ending === 'paid') await customerPays(t, { qrPayload: billPayload(t, bill) });
    t.engine.settleOfflineQr(bill.tenderId, ending === 'paid');
  }
  if (ending === 'abandoned' && isOpen(t, s)) t.engine.abandonSale(s, 'the customer left');
  if (isOpen(t, s)) await t.engine.takeCash(s, t.engine.balance(s).due);
  // The customer pays the bill after all, on their way out (the gateway refuses a bill paid twice).
  const after = t.engine.store.tender(bill.tenderId)!;
  if (ending === 'paid-after-abandon' && after.state === 'abandoned') await customerPays(t, { qrPayload: billPayload(t, after) });
}

async function splitTender(t: FlowTill): Promise<void> {
  const s = sale(t, 0, 10_000);
  if (isOpen(t, s) && tenders(t, s).length === 0) await t.engine.takeCash(s, 4_000, { part: 4_000 });
  if (isOpen(t, s) && !tenders(t, s).some((x) => x.method === 'cpm')) {
    await t.engine.payByCode(s, chaosWalletCode(0, 0, '7777'), t.engine.balance(s).due);
  }
  await finish(t, s);
}

/** A CPM sale of 9,000, then refunds of `amounts` one after another (the whole amount once: a void). */
async function refundedSale(t: FlowTill, amounts: readonly number[], clock: { after?: (soldAt: number) => number } = {}): Promise<void> {
  const s = sale(t, 0, 9_000);
  if (isOpen(t, s) && tenders(t, s).length === 0) await t.engine.payByCode(s, chaosWalletCode(0, 0, '7777'));
  await finish(t, s);
  const paid = tenders(t, s).find((x) => x.method === 'cpm' && x.state !== 'declined' && x.state !== 'reversed');
  if (!paid) return;
  if (clock.after) {
    const target = clock.after(paid.createdAt);
    if (t.clock.now() < target) t.clock.setOffset(target - Date.now());
  }
  for (let i = t.engine.store.refundsOfTender(paid.tenderId).length; i < amounts.length; i++) {
    await t.engine.refund({ tenderId: paid.tenderId, amount: amounts[i]!, managerPin: CHAOS_MANAGER_PIN });
  }
}

async function cashReceiptSale(t: FlowTill): Promise<void> {
  const s = sale(t, 0, 5_000);
  if (isOpen(t, s) && tenders(t, s).length === 0) await t.engine.takeCash(s, 5_000, { cashReceipt: { identifier: '010-1234-5678' } });
  await finish(t, s);
}
