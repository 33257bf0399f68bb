import { afterEach, describe, expect, it } from 'vitest';
import { DrawerUnavailableError } from '../../src/devices/drawer.js';
import { PermissionDeniedError } from '../../src/payments/errors.js';
import type { Logger } from '../../src/platform/logger.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { CASHIER_PIN, MANAGER_PIN, openTill, startGateway, waitFor } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A logger that keeps every line, to prove what never reaches the logs. */
function recordingLogger(lines: string[]): Logger {
  const log = (obj: object, msg?: string) => void lines.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
  const logger: Logger = { info: log, warn: log, error: log, debug: log, child: () => logger };
  return logger;
}

async function till(drawerWorks = true) {
  const dir = tempDir();
  const { sandbox, client } = await startGateway(dir);
  const kicks: number[] = [];
  const drawer = {
    deviceId: 'drawer-1',
    kick: async () => {
      if (!drawerWorks) throw new DrawerUnavailableError('printer offline');
      kicks.push(Date.now());
    },
  };
  const logs: string[] = [];
  const { engine, ledger } = openTill(dir, client(), { drawer, logger: recordingLogger(logs) });
  engine.start();
  cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());
  return { engine, kicks, logs };
}

const cart = { lines: [{ name: 'Snacks', unitPrice: 2_300, quantity: 3, tax: 'taxable' as const }] };

describe('cash', () => {
  it('takes cash, gives change, kicks the drawer and queues the sale for the gateway', async () => {
    const { engine, kicks } = await till();
    const sale = engine.openSale(cart);
    const { tender, change } = await engine.takeCash(sale.saleId, 10_000);
    expect(change).toBe(3_100);
    expect(tender).toMatchObject({ method: 'cash', state: 'approved', amount: 6_900 });
    expect(kicks).toHaveLength(1);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
    await waitFor(() => engine.sync.status().depth === 0);
  });

  it('splits a sale between cash and a wallet', async () => {
    const { engine } = await till();
    const sale = engine.openSale(cart);
    await engine.takeCash(sale.saleId, 5_000);
    expect(engine.balance(sale.saleId)).toMatchObject({ paid: 5_000, due: 1_900 });
    const { tender } = await engine.payByCode(sale.saleId, '134728953980228598');
    expect(tender.amount).toBe(1_900);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
  });

  it('keeps the sale when the drawer does not open', async () => {
    const { engine } = await till(false);
    const sale = engine.openSale(cart);
    await engine.takeCash(sale.saleId, 6_900);
    expect(engine.store.sale(sale.saleId)!.state).toBe('completed');
  });

  it('journals float and pay-outs, pay-outs only with a manager', async () => {
    const { engine, kicks } = await till();
    await engine.cashMovement('float', 100_000, 'morning float', CASHIER_PIN);
    await expect(engine.cashMovement('pay-out', 20_000, 'flowers', CASHIER_PIN)).rejects.toBeInstanceOf(PermissionDeniedError);
    await engine.cashMovement('pay-out', 20_000, 'flowers', MANAGER_PIN);
    const rows = engine.store.ledger.journal.readAfter(0, 100).filter((r) => r.kind === 'cash.movement');
    expect(rows.map((r) => [r.body.kind, r.body.amount, r.body.staffId])).toEqual([['float', 100_000, 'c1'], ['pay-out', 20_000, 'm1']]);
    expect(kicks).toHaveLength(2);
  });

  it('validates a cash receipt number, keeps it masked in logs, sends it with the sync and records the issuance', async () => {
    const { engine, logs } = await till();
    const sale = engine.openSale(cart);
    const { tender } = await engine.takeCash(sale.saleId, 6_900);
    expect(() => engine.requestCashReceipt(tender.tenderId, '010-12')).toThrow(/not valid/);
    const id = engine.requestCashReceipt(tender.tenderId, '010-9876-5432');
    expect(id.masked).toBe('010-****-5432');
    await waitFor(() => engine.store.ledger.journal.forAggregate(tender.tenderId).some((r) => r.kind === 'cash-receipt.result'));
    const result = engine.store.ledger.journal.forAggregate(tender.tenderId).find((r) => r.kind === 'cash-receipt.result')!;
    expect(result.body).toMatchObject({ status: 'issued', approvalNumber: expect.stringMatching(/^\d{9}$/) });
    expect(logs.join('\n')).toContain('010-****-5432');
    expect(logs.join('\n')).not.toContain('98765432');
  });
});
