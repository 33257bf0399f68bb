import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { settleStockOnSales } from '../../main/services/sale-stock.js';
import { Catalog } from '../../src/catalog/index.js';
import { openLedger } from '../../src/ledger/index.js';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import type { PaymentEngine } from '../../src/payments/payment-engine.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { MANAGER_PIN, openTill, startGateway } from '../payments/harness.js';

const tempDir = useTempDir('pos-catalog-stock-');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const crisps = { name: '새우깡', price: 1500, tax: 'taxable' as const, category: '과자', barcodes: ['8801043012348'], stock: 10, active: true };
const water = { name: '생수', price: 1000, tax: 'taxable' as const, category: '음료', barcodes: [], stock: null, active: true };

/** A till (real engine over a real journal, real sandbox gateway on loopback) with its catalog in the same database. */
async function till(dir = tempDir()) {
  const { sandbox, client } = await startGateway(dir);
  const { engine, ledger } = openTill(dir, client(), { config: { terminalId: 'T01', sameDayVoid: false } });
  engine.start();
  cleanups.push(
    () => sandbox.close(),
    () => ledger.close(),
    () => engine.stop(),
  );
  const catalog = new Catalog({ db: ledger.db, journal: ledger.journal });
  return { dir, engine, ledger, catalog };
}

/** Sells `lines` for cash: the sale completes. */
async function sellForCash(engine: PaymentEngine, lines: Parameters<PaymentEngine['openSale']>[0]['lines']) {
  const sale = engine.openSale({ lines });
  const { tender } = await engine.takeCash(sale.saleId, 1_000_000);
  expect(engine.store.sale(sale.saleId)?.state).toBe('completed');
  return { saleId: sale.saleId, tenderId: tender.tenderId };
}

describe('stock follows the sales in the journal', () => {
  it('is lowered by a completed sale, raised by a return by line, and left alone by an abandoned sale or an amount refund', async () => {
    const { engine, catalog } = await till();
    cleanups.push(settleStockOnSales(engine, catalog));
    const item = catalog.save(crisps, 'owner');
    const uncounted = catalog.save(water, 'owner');

    const abandoned = engine.openSale({ lines: [{ itemId: item.id, name: item.name, unitPrice: 1500, quantity: 5, tax: 'taxable' }] });
    engine.abandonSale(abandoned.saleId, 'customer left');
    expect(catalog.get(item.id)?.stock).toBe(10);

    const { tenderId } = await sellForCash(engine, [
      { name: '봉투', unitPrice: 100, quantity: 1, tax: 'taxable' },
      { itemId: item.id, name: item.name, unitPrice: 1500, quantity: 4, tax: 'taxable' },
      { itemId: uncounted.id, name: uncounted.name, unitPrice: 1000, quantity: 2, tax: 'taxable' },
    ]);
    expect(catalog.get(item.id)?.stock).toBe(6);
    expect(catalog.get(uncounted.id)?.stock).toBeNull();

    await engine.refund({ tenderId, lines: [{ line: 1, quantity: 3 }, { line: 0, quantity: 1 }], managerPin: MANAGER_PIN });
    expect(catalog.get(item.id)?.stock).toBe(9);
    await engine.refund({ tenderId, amount: 500, managerPin: MANAGER_PIN });
    expect(catalog.get(item.id)?.stock).toBe(9);
    expect(catalog.lowStock(9).map((i) => i.id)).toEqual([item.id]);
  });

  it('moves once across restarts: a crash between the sale closing and the stock moving neither loses nor doubles it', async () => {
    const dir = tempDir();
    const first = await till(dir);
    const item = first.catalog.save(crisps, 'owner');
    // Nobody follows the sales: the till stops after the sale closed and the return was booked, before the stock moved.
    const { tenderId } = await sellForCash(first.engine, [{ itemId: item.id, name: item.name, unitPrice: 1500, quantity: 3, tax: 'taxable' }]);
    await first.engine.refund({ tenderId, lines: [{ line: 0, quantity: 1 }], managerPin: MANAGER_PIN });
    expect(first.catalog.get(item.id)?.stock).toBe(10);
    for (const c of cleanups.splice(0).reverse()) await c();

    for (let restart = 0; restart < 3; restart++) {
      const store = openLedger(join(dir, 'till.db'), { clock: systemClock });
      const catalog = new Catalog({ db: store.db, journal: store.journal });
      expect(catalog.get(item.id)?.stock).toBe(8);
      expect(catalog.followSales()).toBe(0);
      store.close();
    }
  });

  it('takes the item of each line from the checkout session (a scan or a key), not from its name', async () => {
    const { engine, catalog } = await till();
    cleanups.push(settleStockOnSales(engine, catalog));
    const item = catalog.save(crisps, 'owner');
    const twin = catalog.save({ ...crisps, barcodes: [], stock: 50 }, 'owner');
    let n = 0;
    const session = new CheckoutSession({ engine, ids: { next: (p) => `${p}${++n}` }, logger: silentLogger });
    cleanups.push(() => session.close());
    session.addLine({ itemId: item.id, name: item.name, unitPrice: item.price, quantity: 2, tax: item.tax });
    session.addLine({ name: '가격 입력', unitPrice: 700, quantity: 1, tax: 'taxable' });
    await session.cash(10_000);
    expect(session.state().lastReceipt).not.toBeNull();
    expect(catalog.get(item.id)?.stock).toBe(8);
    expect(catalog.get(twin.id)?.stock).toBe(50);
  });
});
