/**
 * The till under test in `pos chaos`: a real PaymentEngine over a journal
 * file, talking to the sandbox over loopback, ringing up the planned sales
 * one after another. The parent SIGKILLs it at random instants and starts it
 * again; each start runs recovery first and carries on from the journal, so
 * this script keeps no state of its own. It prints `ready`, `progress <i>`
 * and `done` lines for the parent.
 */
import { parseArgs } from 'node:util';
import { InvalidInputError, OfflineRefusedError } from '../../src/payments/errors.js';
import { PaymentFacts } from '../../src/payments/payment-facts.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { CloseOut } from '../../src/closeout/index.js';
import { CHAOS_MANAGER_PIN, type SalePlan, chaosWalletCode, salePlan } from './chaos-plan.js';
import { chaosLateReports, parseChaosFaults, steppingClock } from './chaos-faults.js';
import { OfflineCustomers, flakyUplink, payOfflineQr } from './chaos-customers.js';
import { ChaosDays, closeLateDays } from './chaos-days.js';
import { mulberry32 } from '../../sandbox/faults.js';
import { crashRelay, openCrashTill } from './crash-till.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    url: { type: 'string' },
    terminal: { type: 'string', default: 'CHAOS-01' },
    seed: { type: 'string' },
    payments: { type: 'string' },
    'manager-pin-hash': { type: 'string' },
    faults: { type: 'string', default: 'all' },
  },
});
const dir = values.dir!;
const url = values.url!;
const terminalId = values.terminal!;
const seed = Number(values.seed);
const payments = Number(values.payments);
const faults = new Set(parseChaosFaults(values.faults!));
// Every part of the till reads the one clock, stepped or not; each start steps differently.
const stepped = faults.has('clock') ? steppingClock((seed ^ process.pid) >>> 0) : systemClock;
// Under `day-crossing` the till and the sandbox share the days turned (run-chaos.ts gives the sandbox the same file).
const days = new ChaosDays(dir);
const clock = faults.has('day-crossing') ? days.clock(stepped) : stepped;
const random = mulberry32((seed ^ process.pid ^ 0xc0ffee) >>> 0);

const relay = crashRelay({ dir, gatewayUrl: url, terminalId, clock });
const uplink = flakyUplink(relay);
const gateway = faults.has('offline-payers') ? uplink.gateway : relay;
const customers = new OfflineCustomers(url, terminalId, random, days.clock(systemClock).now);
// The owner rings the refunds and takes the Zs (an owner's PIN passes wherever a manager's is asked).
const { engine, ledger, staff } = openCrashTill({ dir, terminalId, clock, gateway, staff: { role: 'owner', pinHash: values['manager-pin-hash']! } });

// Each planned sale is tagged `chaos-<index>` as its cashier, so a restarted worker finds where it stopped.
const facts = new PaymentFacts(ledger.db);
const closeout = new CloseOut({ ledger, payments: engine.store, gateway, staff, clock, logger: silentLogger, config: { terminalId } });
const indexOf = (tag: string | null): number => (tag?.startsWith('chaos-') ? Number(tag.slice('chaos-'.length)) : 0);

async function pay(saleId: string, plan: SalePlan): Promise<void> {
  try {
    await payAsPlanned(saleId, plan);
  } catch (error) {
    // With the gateway offline the cashier takes cash, as a shop would.
    if (!(error instanceof OfflineRefusedError)) throw error;
    await engine.takeCash(saleId, plan.amount);
  }
}

async function payAsPlanned(saleId: string, plan: SalePlan): Promise<void> {
  if (plan.method === 'cash') {
    const { tender } = await engine.takeCash(saleId, plan.amount + 500);
    if (plan.cashReceipt) engine.requestCashReceipt(tender.tenderId, '010-1234-5678');
    return;
  }
  if (plan.method === 'cpm') {
    if (plan.reuseCode && faults.has('code-reuse')) {
      // The code the previous customer paid with (consumed at the gateway if it was sent), then
      // the same fresh code scanned twice: the second scan must never be a second payment.
      const earlier = salePlan(seed, plan.index - 1);
      const due = (): boolean => engine.store.sale(saleId)!.state === 'open' && engine.balance(saleId).due > 0;
      await engine.payByCode(saleId, chaosWalletCode(seed, earlier.index, earlier.magic)).catch(refusedAsReused);
      if (!due()) return;
      const code = chaosWalletCode(seed, plan.index, plan.magic);
      await engine.payByCode(saleId, code);
      if (due()) await engine.payByCode(saleId, code).catch(refusedAsReused);
      return;
    }
    await engine.payByCode(saleId, chaosWalletCode(seed, plan.index, plan.magic));
    return;
  }
  const offlinePayer = faults.has('offline-payers') ? plan.offlinePayer : undefined;
  uplink.down(offlinePayer !== undefined);
  const session = await engine.showPaymentQr(saleId).finally(() => uplink.down(false));
  if (session.offline) {
    // Without the family the customer never pays an offline QR (a link lost by the network faults): cash instead.
    await payOfflineQr({ engine, customers, saleId, session, payer: offlinePayer ?? 'never' });
    return;
  }
  if (session.qrPayload) {
    const answer = await fetch(`${url}/sandbox/customer/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paymentRequestId: session.tenderId, terminalId }),
    }).catch(() => undefined);
    if (!answer?.ok) engine.abortPaymentQr(session.tenderId);
  }
  await session.outcome;
}

/** The engine's refusal of a code already used in this sale is the expected answer to a double scan. */
function refusedAsReused(error: unknown): void {
  if (!(error instanceof InvalidInputError && error.code === 'code-already-used')) throw error;
}

async function ringUp(index: number): Promise<void> {
  const plan = salePlan(seed, index);
  const existing = facts.saleTagged(`chaos-${index}`);
  let saleId = existing?.saleId;
  if (!saleId) {
    saleId = engine.openSale({
      lines: [{ name: `Item ${index}`, unitPrice: plan.amount, quantity: 1, tax: 'taxable' }],
      cashierId: `chaos-${index}`,
    }).saleId;
  }
  for (const t of engine.store.tendersOfSale(saleId)) {
    if (t.method === 'mpm-offline' && t.state === 'created') engine.settleOfflineQr(t.tenderId, false);
  }
  if (engine.store.sale(saleId)!.state === 'open') {
    // A sale with an attempt behind it (declined or reversed before a restart) is not retried.
    if (engine.store.tendersOfSale(saleId).length === 0) {
      const paying = pay(saleId, plan);
      paying.catch(() => undefined); // awaited below; this keeps a failure during the day's turn from reading as unhandled
      // The night passes while this payment is out: the owner closes the day it began on.
      if (plan.dayTurns && faults.has('day-crossing')) await turnDay();
      await paying;
    }
    if (engine.store.sale(saleId)!.state === 'open') engine.abandonSale(saleId, 'payment did not go through');
    else if (plan.refund > 0) await refund(saleId, plan.refund);
  }
  process.stdout.write(`progress ${index + 1}\n`);
}

async function turnDay(): Promise<void> {
  await new Promise((r) => setTimeout(r, Math.floor(random() * 40)));
  days.turn();
  await closeLateDays(closeout, CHAOS_MANAGER_PIN);
}

async function refund(saleId: string, amount: number): Promise<void> {
  const tender = engine.store.tendersOfSale(saleId).find((t) => t.state === 'approved');
  // The parent may time a kill to this line (the `refund-kills` fault): the refund or void is about to go out.
  if (tender) process.stdout.write('refunding\n');
  if (tender) await engine.refund({ tenderId: tender.tenderId, amount: Math.min(amount, tender.amount), managerPin: CHAOS_MANAGER_PIN });
}

/** Recovery and sync are done when nothing is in flight and the outbox is empty. */
function settled(): boolean {
  const open = engine.store.tendersInStates(['created', 'requested', 'awaiting-customer', 'unknown', 'inquiring', 'reversing']);
  return open.length === 0 && engine.store.refundsInState('requested').length === 0 && ledger.outbox.depth() === 0;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const report = engine.start();
  process.stdout.write('ready\n');
  await report.settled;
  const last = Math.max(0, ...facts.taggedSales().map((s) => indexOf(s.cashierId)));
  for (let index = last; index < payments; index++) await ringUp(index);
  // The customers still to come back to an offline QR, then every bill matched and every given-back one settled.
  await customers.settle();
  // A bill still open to a payment may yet be reported late by its wallet: the till keeps asking, so the run waits that out.
  if (engine.store.tendersInStates(['created', 'pending-confirmation', 'unmatched', 'abandoned']).some((t) => t.method === 'mpm-offline')) {
    await customers.reported(chaosLateReports([...faults]), startedAt);
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    while (!settled()) {
      if (Date.now() > deadline) throw new Error('recovery and sync did not settle within 120 s');
      engine.sync.nudge();
      await new Promise((r) => setTimeout(r, 50));
    }
    const matched = await engine.matchOfflinePayments().catch(() => undefined);
    if (matched && matched.confirmed + matched.givenBack === 0) break;
    if (Date.now() > deadline) throw new Error('offline QR matching did not settle within 120 s');
  }
  process.stdout.write('done\n');
  await engine.stop();
  ledger.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`chaos worker failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
