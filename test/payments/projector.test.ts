import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Ledger, openLedger } from '../../src/ledger/index.js';
import { IllegalTransitionError } from '../../src/payments/payment-states.js';
import { PaymentStore } from '../../src/payments/payment-store.js';
import type { TenderStateBody } from '../../src/payments/records.js';
import { systemClock } from '../../src/platform/clock.js';

// The projector is the compare-and-set of every tender move: a row whose `from`
// is not the tender's current state is refused, and its journal row with it.
describe('tender projection', () => {
  let dir: string;
  let ledger: Ledger;
  let store: PaymentStore;
  const tender = (from: TenderStateBody['from'], to: TenderStateBody['to']): TenderStateBody => ({
    tenderId: 'T01-P-1', saleId: 'S1', method: 'cpm', from, to, currency: 'KRW', amount: 4_500,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    ledger = openLedger(join(dir, 'till.db'), { clock: systemClock });
    store = new PaymentStore(ledger);
    store.write('sale.opened', 'S1', {
      saleId: 'S1', businessDate: '2026-01-05', currency: 'KRW', lines: [], saleDiscount: 0, total: 4_500,
      vat: { supply: 4_091, vat: 409, taxFree: 0, total: 4_500 },
    });
    store.write('tender.state', 'T01-P-1', tender(null, 'created'));
    store.write('tender.state', 'T01-P-1', tender('created', 'requested'));
  });
  afterEach(() => {
    ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a move from a state the tender has left, and rolls its journal row back', () => {
    const rows = ledger.journal.tail().seq;
    const stale = () => store.write('tender.state', 'T01-P-1', tender('created', 'abandoned'));
    expect(stale).toThrow(IllegalTransitionError);
    expect(stale).toThrow('tender T01-P-1 cannot go from requested to abandoned');
    expect(ledger.journal.tail().seq).toBe(rows);
    expect(store.tender('T01-P-1')?.state).toBe('requested');
  });

  it('refuses a second first row for one tender', () => {
    expect(() => store.write('tender.state', 'T01-P-1', tender(null, 'created'))).toThrow('cannot go from requested to created');
    expect(store.tender('T01-P-1')?.state).toBe('requested');
  });

  it('refuses a move the state machine does not have, even from the current state', () => {
    expect(() => store.write('tender.state', 'T01-P-1', tender('requested', 'refunded'))).toThrow(IllegalTransitionError);
    expect(store.tender('T01-P-1')?.state).toBe('requested');
  });

  it('applies a move from the current state', () => {
    store.write('tender.state', 'T01-P-1', { ...tender('requested', 'approved'), gatewayPaymentId: 'GW-1' });
    expect(store.tender('T01-P-1')).toMatchObject({ state: 'approved', gatewayPaymentId: 'GW-1', stateSeq: ledger.journal.tail().seq });
  });
});
