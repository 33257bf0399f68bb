import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/index.js';
import { OfflineRefusedError, RefundRefusedError } from '../../src/payments/errors.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { isInFlight } from '../../src/payments/payment-states.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { FakeGateway, type PayScript } from './fake-gateway.js';
import { MANAGER_PIN, openTill, walletCode } from './harness.js';
import { projectionDrift } from '../../src/payments/projection-audit.js';

/** The reference model: what each payment must end as, and how much of it was refunded. */
interface Model {
  outage: boolean;
  payments: Map<string, { final: 'approved' | 'declined' | 'reversed'; amount: number; refunded: number }>;
}

interface Real {
  dir: string;
  gateway: FakeGateway;
  engine: PaymentEngine;
  ledger: Ledger;
  codes: number;
}

const timing = {
  // The deadline leaves room for two inquiries on a loaded machine (a pending payment that succeeds must not be reversed).
  inquiry: { intervalMs: 2, deadlineMs: 200, earliestReverseMs: 100 },
  reversal: { baseDelayMs: 2, maxDelayMs: 10 },
};

function open(real: Pick<Real, 'dir' | 'gateway'>): Pick<Real, 'engine' | 'ledger'> {
  const till = openTill(real.dir, real.gateway, { config: { terminalId: 'T01', ...timing }, sync: { idleMs: 5, backoff: { baseMs: 2, maxMs: 10 } } });
  till.engine.start();
  return till;
}

/** What a pay script must end as, if the gateway is reachable. */
const EXPECTED: Record<PayScript, 'approved' | 'declined' | 'reversed'> = {
  approve: 'approved',
  decline: 'declined',
  'charge-lost-answer': 'approved',
  'lost-request': 'reversed',
  pending: 'approved',
};

class PayByCode implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly script: PayScript,
    readonly pendingTo: 'SUCCESS' | 'FAIL' | 'never',
    readonly amount: number,
  ) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    real.gateway.nextPay = this.script;
    real.gateway.nextPendingEnd = { afterInquiries: 2, to: this.pendingTo };
    const sale = real.engine.openSale({ lines: [{ name: 'item', unitPrice: this.amount, quantity: 1, tax: 'taxable' }] });
    if (model.outage) {
      await expect(real.engine.payByCode(sale.saleId, walletCode(++real.codes))).rejects.toBeInstanceOf(OfflineRefusedError);
      real.engine.abandonSale(sale.saleId, 'offline');
      return;
    }
    const { tender } = await real.engine.payByCode(sale.saleId, walletCode(++real.codes));
    const final =
      this.script === 'pending' ? ({ SUCCESS: 'approved', FAIL: 'declined', never: 'reversed' } as const)[this.pendingTo] : EXPECTED[this.script];
    model.payments.set(tender.tenderId, { final, amount: this.amount, refunded: 0 });
    expect(isInFlight(tender.state)).toBe(false);
    if (final === 'approved') expect(real.engine.store.sale(sale.saleId)!.state).toBe('completed');
    else real.engine.abandonSale(sale.saleId, 'not paid');
  }
  toString = () => `pay(${this.script}/${this.pendingTo}, ${this.amount})`;
}

class PayCash implements fc.AsyncCommand<Model, Real> {
  constructor(readonly amount: number) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const sale = real.engine.openSale({ lines: [{ name: 'item', unitPrice: this.amount, quantity: 1, tax: 'tax-free' }] });
    const { tender, change } = await real.engine.takeCash(sale.saleId, this.amount + 1_000);
    expect(change).toBe(1_000);
    model.payments.set(tender.tenderId, { final: 'approved', amount: this.amount, refunded: 0 });
  }
  toString = () => `cash(${this.amount})`;
}

class Refund implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly amount: number,
  ) {}
  check = (model: Readonly<Model>) => [...model.payments.values()].some((p) => p.final === 'approved');
  async run(model: Model, real: Real): Promise<void> {
    const approved = [...model.payments.entries()].filter(([, p]) => p.final === 'approved');
    const [tenderId, payment] = approved[this.pick % approved.length]!;
    const tender = real.engine.store.tender(tenderId)!;
    const acknowledged = tender.state === 'approved' || tender.state === 'refunded-partially';
    if (!acknowledged || payment.refunded + this.amount > payment.amount) {
      await expect(real.engine.refund({ tenderId, amount: this.amount, managerPin: MANAGER_PIN })).rejects.toBeInstanceOf(RefundRefusedError);
      return;
    }
    await real.engine.refund({ tenderId, amount: this.amount, managerPin: MANAGER_PIN });
    payment.refunded += this.amount;
  }
  toString = () => `refund(#${this.pick}, ${this.amount})`;
}

class SetOutage implements fc.AsyncCommand<Model, Real> {
  constructor(readonly on: boolean) {}
  check = (model: Readonly<Model>) => model.outage !== this.on;
  async run(model: Model, real: Real): Promise<void> {
    real.gateway.outage = this.on;
    model.outage = this.on;
  }
  toString = () => `outage(${this.on})`;
}

class Restart implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(_model: Model, real: Real): Promise<void> {
    await real.engine.stop();
    real.ledger.close();
    Object.assign(real, open(real));
  }
  toString = () => 'restart';
}

class LateSuccess implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => !model.outage && [...model.payments.values()].some((p) => p.final === 'reversed');
  async run(model: Model, real: Real): Promise<void> {
    const reversed = [...model.payments.entries()].filter(([, p]) => p.final === 'reversed').map(([id]) => id);
    const id = reversed[this.pick % reversed.length]!;
    const p = real.gateway.payments.get(id);
    if (!p || real.engine.store.tender(id)!.state !== 'reversed') return;
    // The wallet "succeeds" after the cancel: the engine must record it and give the money back.
    p.status = 'SUCCESS';
    p.charges++;
    real.gateway.emit('payment.succeeded', id);
    await settle(real);
    expect(real.engine.store.tender(id)!.state).toBe('reversed');
  }
  toString = () => `late-success(#${this.pick})`;
}

/** Waits until nothing is in flight and the outbox is empty (the gateway must be reachable). */
async function settle(real: Real): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const busy =
      real.engine.store.tendersInStates(['created', 'requested', 'unknown', 'inquiring', 'reversing']).length +
      real.engine.store.refundsInState('requested').length +
      real.ledger.outbox.depth();
    if (busy === 0) return;
    real.engine.sync.nudge();
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the engine did not settle');
}

function assertJournalAgrees(real: Real): void {
  expect(real.ledger.journal.verify().ok).toBe(true);
  // The comparison `pos journal verify` runs: every projection row as the journal rebuilds it.
  expect(projectionDrift(real.ledger.db)).toEqual([]);
}

const tempDir = useTempDir();
const running: Real[] = [];
afterEach(async () => {
  for (const real of running.splice(0)) {
    await real.engine.stop();
    real.ledger.close();
  }
});

const commands = [
  fc
    .tuple(fc.constantFrom<PayScript>('approve', 'decline', 'charge-lost-answer', 'lost-request', 'pending'), fc.constantFrom('SUCCESS', 'FAIL', 'never' as const), fc.integer({ min: 1, max: 50 }))
    .map(([s, p, a]) => new PayByCode(s, p, a * 100)),
  fc.integer({ min: 1, max: 50 }).map((a) => new PayCash(a * 100)),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 30 })).map(([p, a]) => new Refund(p, a * 100)),
  fc.boolean().map((on) => new SetOutage(on)),
  fc.constant(new Restart()),
  fc.nat().map((p) => new LateSuccess(p)),
];

describe('payment engine against a reference model (fast-check commands)', () => {
  it('keeps journal, projections and gateway in agreement under random actions, faults, restarts and outages', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30 }), async (cmds) => {
        const gateway = new FakeGateway();
        const dir = tempDir();
        const real: Real = { dir, gateway, codes: 0, ...open({ dir, gateway }) };
        running.push(real);
        const model: Model = { outage: false, payments: new Map() };
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        gateway.outage = false;
        await settle(real);
        assertJournalAgrees(real);
        for (const [tenderId, expected] of model.payments) {
          const tender = real.engine.store.tender(tenderId)!;
          // A full refund on the day of the payment is a void (cancelled) when the gateway allows it.
          const paidStates = expected.refunded === 0 ? ['approved'] : expected.refunded === expected.amount ? ['refunded', 'cancelled'] : ['refunded-partially'];
          expect(expected.final === 'approved' ? paidStates : [expected.final]).toContain(tender.state);
          expect(tender.refunded).toBe(expected.refunded);
          if (tender.method !== 'cash') expect(gateway.netCharged(tenderId)).toBe(expected.final === 'approved' ? expected.amount - expected.refunded : 0);
        }
        for (const p of gateway.payments.values()) expect(p.charges).toBeLessThanOrEqual(1 + (p.status === 'CANCELLED' ? 1 : 0));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
