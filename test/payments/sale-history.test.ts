import { afterEach, describe, expect, it } from 'vitest';
import { CheckoutSession } from '../../src/payments/checkout-session.js';
import { IdFactory } from '../../src/payments/ids.js';
import { SaleHistory } from '../../src/payments/sale-history.js';
import { systemClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';
import { walletLabelKo } from '../../src/receipts/wallet-labels.js';
import { ko } from '../../renderer/src/i18n/ko.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the history list', () => {
  it('names the wallet the gateway reported for a wallet payment, beside the other methods (issue 13 point 4)', async () => {
    const dir = tempDir();
    const { sandbox, client } = await startGateway(dir);
    cleanups.push(() => sandbox.close());
    const { engine, ledger } = openTill(dir, client());
    engine.start();
    cleanups.push(async () => {
      await engine.stop();
      ledger.close();
    });
    const session = new CheckoutSession({ engine, ids: new IdFactory('T01', systemClock), logger: silentLogger });
    cleanups.push(() => session.close());
    session.addLine({ name: '케이크', unitPrice: 3_000, quantity: 1, tax: 'taxable' });
    session.setPart(1_000);
    await session.cash(1_000);
    const paid = await session.payByCode(walletCode(1)); // a WeChat Pay code
    expect(paid.outcome).toMatchObject({ kind: 'approved', complete: true });

    const [item] = new SaleHistory(ledger.db, engine, systemClock).list(undefined, 10).items;
    expect(item).toMatchObject({ wallets: ['wechat-pay'] });
    expect([...item!.methods].sort()).toEqual(['cash', 'cpm']);
    // The screen's Korean name is the paper's (one table: src/receipts/wallet-labels.ts).
    expect(ko.wallet['wechat-pay']).toBe(walletLabelKo('wechat-pay'));
  });
});
