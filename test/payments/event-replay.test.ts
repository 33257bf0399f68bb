import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentAlert } from '../../src/payments/events.js';
import type { RelayGateway } from '../../src/relay/gateway.js';
import type { GatewayEvent } from '../../src/relay/protocol.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { openTill, startGateway, waitFor, walletCode } from './harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The real client, with a hand on the event stream: what it delivered, and a way to deliver again (a reconnect's replay). */
function withReplay(client: RelayGateway) {
  const delivered: GatewayEvent[] = [];
  let handler: ((event: GatewayEvent) => void) | undefined;
  const gateway: RelayGateway = Object.assign(Object.create(client) as RelayGateway, {
    subscribe(onEvent: (event: GatewayEvent) => void, lastEventId?: string) {
      handler = onEvent;
      return client.subscribe((event) => {
        delivered.push(event);
        onEvent(event);
      }, lastEventId);
    },
  });
  return { gateway, delivered, replay: (event: GatewayEvent) => handler!(event) };
}

describe('gateway events applied idempotently', () => {
  it('ignores a replayed success of a payment whose cancel the gateway acknowledged (defect 9)', async () => {
    const dir = tempDir();
    const { sandbox, client } = await startGateway(dir);
    const { gateway, delivered, replay } = withReplay(client());
    const { engine, ledger } = openTill(dir, gateway);
    const alerts: PaymentAlert[] = [];
    engine.events.on('alert', (alert) => alerts.push(alert));
    engine.start();
    cleanups.push(() => sandbox.close(), () => ledger.close(), () => engine.stop());

    // The pay's answer and every inquiry are lost: the till reverses, and the gateway cancels the charge.
    sandbox.setFaults({ rules: [{ fault: 'drop-after', operations: ['pay'] }, { fault: 'drop-before', operations: ['inquiry'] }] });
    const sale = engine.openSale({ lines: [{ name: 'Soju', unitPrice: 10_000, quantity: 1, tax: 'taxable' }] });
    const { tender } = await engine.payByCode(sale.saleId, walletCode(3));
    await waitFor(() => engine.store.tender(tender.tenderId)!.state === 'reversed');
    sandbox.setFaults({ rules: [] });
    await waitFor(() => delivered.some((e) => e.type === 'payment.succeeded' && e.payment.paymentRequestId === tender.tenderId));
    const success = delivered.find((e) => e.type === 'payment.succeeded' && e.payment.paymentRequestId === tender.tenderId)!;
    expect(sandbox.ledger('T01').payments).toEqual([expect.objectContaining({ status: 'CANCELLED', netCharged: 0 })]);

    // The stream reconnects and replays the old success.
    replay(success);
    await new Promise((r) => setTimeout(r, 300));
    expect(engine.store.tender(tender.tenderId)!.state).toBe('reversed');
    expect(alerts.filter((a) => a.code === 'late-success-reversed')).toEqual([]);
  });
});
