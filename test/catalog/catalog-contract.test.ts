import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceSet, compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { DEFAULT_OWNER_PIN } from '../../main/services/staff-store.js';
import { createDispatcher } from '../../src/api/index.js';
import { withGs1CheckDigit } from '../../src/codes/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitUntil as until } from '../helpers/wait.js';

const tempDir = useTempDir('pos-catalog-contract-');
let services: ServiceSet | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
});

async function till() {
  services = await compose(await loadPosConfig(join(tempDir(), 'data')), { logger: silentLogger, clock: new ManualClock(), appVersion: '0.0.0', validateContract: true });
  const dispatcher = createDispatcher({ handlers: contractHandlers(services), validateResults: true, logger: silentLogger });
  const call = async (method: string, input?: unknown) => {
    const outcome = await dispatcher.call(method, input, { role: 'cashier', transport: 'ipc' });
    if (!outcome.ok) throw new Error(`${method}: ${JSON.stringify(outcome.error)}`);
    return outcome.result as never;
  };
  return { services, call };
}

describe('the catalog through the contract, in the composed till (training mode)', () => {
  it('routes a product scan to its line and a wallet code to payment, and a later price change leaves the sale alone', async () => {
    const { services, call } = await till();
    const water = services.till.catalog.byBarcode('8801043012348')!;
    await call('catalog.adjustStock', { itemId: water.id, stock: 10, reason: '입고', pin: DEFAULT_OWNER_PIN });
    const routed: { kind: string; line: { itemId: string; name: string; unitPrice: number; tax: 'taxable' } } = await call('catalog.route', { text: '8801043012348\r' });
    expect(routed).toEqual({ kind: 'item', line: { itemId: water.id, name: '생수 500ml', unitPrice: 1000, tax: 'taxable' } });
    expect(await call('catalog.route', { text: '134728953980221234' })).toEqual({ kind: 'payment' });
    expect(await call('catalog.route', { text: '4006381333931' })).toEqual({ kind: 'unknown-product', code: '4006381333931' });

    // The scanner hub's code goes through the shape routing into the checkout session.
    services.till.scanners.submit('scan-box', '8801043012348');
    await until(() => services.till.checkout.state().lines.length === 1, 'the scanned line', 5_000);
    await call('catalog.saveItem', { item: { ...services.till.catalog.get(water.id)!, price: 1200 }, ownerPin: DEFAULT_OWNER_PIN });
    expect(services.till.catalog.byBarcode('8801043012348')?.price).toBe(1200);
    expect(services.till.checkout.state().lines).toMatchObject([{ name: '생수 500ml', unitPrice: 1000 }]);
    expect(routed.line.unitPrice).toBe(1000);

    // Paid in cash: the scanned line's item leaves stock, and the low-stock list shows it.
    services.till.scanners.submit('scan-box', '8801043012348');
    await until(() => services.till.checkout.state().lines.length === 2, 'the second scan', 5_000);
    await call('checkout.cash', { tendered: 5_000 });
    expect(services.till.catalog.get(water.id)?.stock).toBe(8);
    expect(await call('catalog.lowStock', { threshold: 8 })).toMatchObject([{ id: water.id, stock: 8 }]);
  });

  // Issue 17 Deliver 3: scale labels, "the line shows weight and price". scan-routing.test.ts reads
  // the label; here the scanner hub's scan reaches the sale line with the weight in its name and the
  // label's (or the weight's) price.
  it('puts a scale label on the sale line: the weight in its name and the price the label or the weight gives', async () => {
    const { services, call } = await till();
    const item = (id: string, name: string, price: number, itemKey: string) => ({ id, name, price, tax: 'tax-free', category: '정육', barcodes: [itemKey], stock: null, active: true });
    await call('catalog.saveItem', { item: item('pork', '삼겹살', 25_900, withGs1CheckDigit('280004200000')), ownerPin: DEFAULT_OWNER_PIN });
    await call('catalog.saveItem', { item: item('salad', '샐러드', 0, withGs1CheckDigit('210012300000')), ownerPin: DEFAULT_OWNER_PIN });
    services.till.scanners.submit('scan-box', withGs1CheckDigit('280004200352')); // 352 g
    services.till.scanners.submit('scan-box', withGs1CheckDigit('210012304500')); // ₩4,500 printed
    await until(() => services.till.checkout.state().lines.length === 2, 'both labels on the sale', 5_000);
    // 25,900 a kg × 0.352 kg = 9,116.8: the scale rounds to the won.
    expect(services.till.checkout.state().lines).toMatchObject([
      { name: '삼겹살 0.352kg', unitPrice: 9_117, quantity: 1, tax: 'tax-free' },
      { name: '샐러드', unitPrice: 4_500, quantity: 1 },
    ]);
  });

  it('refuses catalog changes without the owner PIN, and names the bad rows of a CSV preview', async () => {
    const { call } = await till();
    const file = Buffer.from('barcode,name,price,tax,category\n8801043012345,새우깡,1500,과세,과자\n').toString('base64');
    expect(await call('catalog.previewImport', { file })).toMatchObject({ rows: 1, errors: [{ row: 2, field: 'barcode' }] });
    await expect(call('catalog.import', { file, ownerPin: '9999' })).rejects.toThrow(/pin-invalid/);
  });
});
