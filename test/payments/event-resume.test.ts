import { afterEach, describe, expect, it } from 'vitest';
import { LAST_EVENT_ID_KEY } from '../../src/payments/event-cursor.js';
import type { RelayGateway } from '../../src/relay/gateway.js';
import type { RelayClient } from '../../src/relay/relay-client.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway, waitFor, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const cart = { lines: [{ name: 'Tteokbokki', unitPrice: 4_500, quantity: 1, tax: 'taxable' as const }] };

/** The real relay client, noting the id of every gateway event it hands to the engine. */
function noting(client: RelayClient, applied: string[]): RelayGateway {
  const subscribe = client.subscribe.bind(client);
  return Object.assign(client, {
    subscribe: (onEvent: Parameters<RelayGateway['subscribe']>[0], lastEventId?: string) =>
      subscribe((event) => {
        applied.push(event.id);
        onEvent(event);
      }, lastEventId),
  });
}

describe('gateway event stream across restarts', () => {
  it('applies the events published while the till was down once after the restart, and replays none it had applied', async () => {
    const dir = tempDir();
    const { sandbox, client } = await startGateway(dir);
    const before: string[] = [];
    let till = openTill(dir, noting(client(), before));
    cleanups.push(() => sandbox.close(), () => till.ledger.close(), () => till.engine.stop());
    till.engine.start();

    await till.engine.payByCode(till.engine.openSale(cart).saleId, walletCode(1));
    const paidByQr = await till.engine.showPaymentQr(till.engine.openSale(cart).saleId);
    sandbox.customer.pay({ paymentRequestId: paidByQr.tenderId, wallet: 'alipay' });
    await paidByQr.outcome;
    await waitFor(() => before.length === 2);
    // An order code is on the display when the till goes down; the customer pays it meanwhile.
    const waiting = await till.engine.showPaymentQr(till.engine.openSale(cart).saleId);
    await till.engine.stop();
    till.ledger.close();
    expect(sandbox.customer.pay({ paymentRequestId: waiting.tenderId, wallet: 'wechat-pay' }).result.status).toBe('S');

    const after: string[] = [];
    till = openTill(dir, noting(client(), after));
    till.engine.start();
    await waitFor(() => after.length > 0 && till.engine.store.tender(waiting.tenderId)!.state === 'approved');
    // The stream resumed after the last event applied: only the one sent while the till was down.
    expect(after).toHaveLength(1);
    expect(before).not.toContain(after[0]);
    expect(Number(after[0])).toBeGreaterThan(Math.max(...before.map(Number)));
    const stored = till.ledger.db.prepare('SELECT value FROM terminal_meta WHERE key = ?').get(LAST_EVENT_ID_KEY) as { value: string };
    expect(stored.value).toBe(after[0]);
  });
});
