import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceSet, compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { journalPath } from '../../main/paths.js';
import { DEFAULT_OWNER_PIN } from '../../main/services/staff-store.js';
import { createDispatcher } from '../../src/api/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { PAYMENT_TABLES } from '../../src/payments/migrations.js';
import { useTempDir } from '../helpers/temp-dir.js';

/** The tenders table (src/payments owns its name; an intruder's SQL goes straight at it). */
const TENDERS = PAYMENT_TABLES[2];

const tempDir = useTempDir('pos-projection-start-');
let services: ServiceSet | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

const coffee = { name: '커피', unitPrice: 4_500, quantity: 1, tax: 'taxable' };

/** The composed training till on `dataDir`, through the contract as the cashier window calls it. */
async function start(dataDir: string) {
  services = await compose(await loadPosConfig(dataDir), { logger: silentLogger, clock: new ManualClock(), appVersion: '0.0.0', validateContract: true });
  const alerts: string[] = [];
  services.events.subscribe((event, payload) => event === 'payment.alert' && alerts.push((payload as { code: string }).code));
  const dispatcher = createDispatcher({ handlers: contractHandlers(services), validateResults: true, logger: silentLogger });
  const call = (method: string, input?: unknown) => dispatcher.call(method, input, { role: 'cashier', transport: 'bridge' });
  return { services, call, alerts };
}

async function sellCoffee(call: Awaited<ReturnType<typeof start>>['call']) {
  await call('checkout.addLine', coffee);
  const paid = await call('checkout.cash', { tendered: 5_000 });
  await call('checkout.dismiss');
  return paid;
}

// Issue 14 point 5: start-up compares the payment tables with the journal; a disagreement stops money moving.
describe('the payment tables compared with the journal at start-up', () => {
  it('finds a tender amount raised behind the till (4,500 → 450,000), tells the owner, and refuses sales and refunds', async () => {
    const dataDir = join(tempDir(), 'data');
    const first = await start(dataDir);
    expect(await sellCoffee(first.call)).toMatchObject({ ok: true, result: { outcome: { kind: 'approved', complete: true } } });
    const tenderId = (first.services.till.engine.store.ledger.db.prepare(`SELECT tender_id AS id FROM ${TENDERS}`).get() as { id: string }).id;
    await first.services.close();
    services = undefined;

    const intruder = new Database(journalPath(dataDir, 'training'));
    intruder.prepare(`UPDATE ${TENDERS} SET amount = 450000 WHERE tender_id = ?`).run(tenderId);
    intruder.close();

    const { services: till, call, alerts } = await start(dataDir);
    await expect.poll(() => till.till.engine.hold.problems.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(till.till.engine.hold.problems.map((p) => p.message)).toEqual([`${TENDERS} ${tenderId}: amount is 450000, the journal says 4500`]);
    expect(alerts).toContain('projection-drift');
    await call('checkout.addLine', coffee);
    expect(await call('checkout.cash', { tendered: 5_000 })).toMatchObject({ ok: false, error: { code: 'projection-drift', message: expect.stringMatching(/450000/) } });
    expect(await call('history.refund', { tenderId, amount: 100_000, managerPin: DEFAULT_OWNER_PIN })).toMatchObject({ ok: false, error: { code: 'projection-drift' } });
  });

  it('lets an untouched till sell once the comparison has found nothing', async () => {
    const dataDir = join(tempDir(), 'data');
    const first = await start(dataDir);
    await sellCoffee(first.call);
    await first.services.close();
    services = undefined;
    const { services: till, call, alerts } = await start(dataDir);
    // The second sale's own writes land while the comparison runs: its snapshot must not take them for drift.
    expect(await sellCoffee(call)).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(till.till.engine.hold.problems).toEqual([]);
    expect(alerts).toEqual([]);
    expect(await sellCoffee(call)).toMatchObject({ ok: true });
  });
});
