import { afterEach, describe, expect, it } from 'vitest';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import { IdFactory } from '../../src/payments/ids.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function session() {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client());
  engine.start();
  const checkout = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger });
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop(), () => checkout.close());
  checkout.addLine({ name: '케이크', unitPrice: 10_000, quantity: 1, tax: 'taxable' });
  return { engine, checkout };
}

describe('cash part payments (issue 13: the part limit gap)', () => {
  it('takes only the part in cash, never more than is due, and gives change only on the last tender', async () => {
    const { checkout } = await session();
    expect(() => checkout.setPart(10_001)).toThrow(/Only 10000 is due/);
    checkout.setPart(4_000);
    // Handed 5,000 for a 4,000 part: a part gives no change, so nothing is taken.
    await expect(checkout.cash(5_000)).rejects.toMatchObject({ code: 'part-no-change' });
    checkout.setPart(4_000);
    const part = await checkout.cash(4_000);
    expect(part.outcome).toMatchObject({ kind: 'approved', method: 'cash', amount: 4_000, change: 0, complete: false });
    expect(part.sale?.balance).toMatchObject({ paid: 4_000, due: 6_000 });
    expect(() => checkout.setPart(6_001)).toThrow(/Only 6000 is due/);
    // The last tender covers what is due and gives the change.
    const last = await checkout.cash(10_000);
    expect(last.outcome).toMatchObject({ kind: 'approved', amount: 6_000, change: 4_000, complete: true });
  });

  it('takes less than the part when that is all the customer hands over', async () => {
    const { checkout } = await session();
    checkout.setPart(5_000);
    const part = await checkout.cash(3_000);
    expect(part.outcome).toMatchObject({ amount: 3_000, change: 0, complete: false });
    expect(part.sale?.balance.due).toBe(7_000);
  });

  it('refuses a part above what is due in the engine too', async () => {
    const { engine } = await session();
    const sale = engine.openSale({ lines: [{ name: '빵', unitPrice: 2_000, quantity: 1, tax: 'tax-free' }] });
    await expect(engine.takeCash(sale.saleId, 5_000, { part: 3_000 })).rejects.toMatchObject({ code: 'part-over-due' });
    expect(engine.store.tendersOfSale(sale.saleId)).toEqual([]);
  });
});
