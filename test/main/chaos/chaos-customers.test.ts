import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CustomerAnswer, OfflineCustomers, payOfflineQr } from '../../../main/chaos/chaos-customers.js';
import type { PaymentEngine } from '../../../src/payments/payment-engine.js';
import { startSandboxGateway } from '../../../sandbox/index.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { goOffline, openTill, startGateway } from '../../payments/harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Customers whose payment the till's matcher confirms before the cashier taps "paid" (a sync ran in between). */
class MatchedFirst extends OfflineCustomers {
  constructor(url: string, private readonly engine: PaymentEngine) {
    super(url, 'T01', () => 0.5, () => Date.now());
  }

  override async payNow(qrPayload: string): Promise<CustomerAnswer> {
    const answer = await super.payNow(qrPayload);
    await this.engine.matchOfflinePayments();
    return answer;
  }
}

describe('chaos customers at an offline QR', () => {
  it('an on-display customer whose bill the matcher confirmed first leaves the sale paid, and the worker carries on', async () => {
    const dir = tempDir();
    const gateway = await startGateway(dir);
    const till = openTill(dir, gateway.client(), { config: { terminalId: 'T01' } });
    till.engine.start();
    cleanups.push(() => till.ledger.close(), () => till.engine.stop());
    await goOffline(till.engine, gateway.sandbox);
    const sale = till.engine.openSale({ lines: [{ name: 'Coffee', unitPrice: 4_500, quantity: 1, tax: 'taxable' }] });
    const session = await till.engine.showPaymentQr(sale.saleId);
    expect(session.offline).toBe(true);
    const back = await startSandboxGateway({ dbPath: join(dir, 'gateway.db'), port: gateway.sandbox.port });
    cleanups.push(() => back.close());

    const customers = new MatchedFirst(back.url, till.engine);
    await payOfflineQr({ engine: till.engine, customers, saleId: sale.saleId, session, payer: 'on-display' });
    expect(till.engine.store.tender(session.tenderId)!.state).toBe('approved');
    expect(till.engine.store.sale(sale.saleId)!.state).toBe('completed');
  });
});
