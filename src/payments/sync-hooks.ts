import type { Logger } from '../platform/logger.js';
import type { SyncEngine } from '../relay/sync-engine.js';
import type { CashReceipts } from './cash-receipts.js';
import type { PaymentEvents } from './events.js';
import type { OfflineMpm } from './mpm-offline.js';

/**
 * What the payment engine does with the sync engine's news (cash receipt
 * results are journaled inside the ack's transaction, `onAcknowledged`): a quarantined
 * record becomes an owner alert, offline QR payments are matched after each
 * drain, and every new payment fact nudges the sync. Returns the unhook.
 */
export function wireSyncHooks(deps: {
  sync: SyncEngine;
  events: PaymentEvents;
  cashReceipts: CashReceipts;
  offline: OfflineMpm;
  logger: Logger;
}): () => void {
  const { sync, events, cashReceipts, offline, logger } = deps;
  let matching = false;
  const offSync = sync.on((event) => {
    if (event.type === 'quarantined') {
      events.emit('alert', {
        code: 'outbox-quarantined',
        message: `A ${event.record.kind} record was set aside after the gateway refused it (${event.reason}). Call support.`,
        ref: event.record.recordId,
      });
      const { kind, body } = event.record;
      if (kind === 'cash-receipt.requested') cashReceipts.recordResult(String(body.tenderId), undefined, 'QUARANTINED');
      if (kind === 'cash-receipt.cancel-requested') cashReceipts.recordCancelResult(String(body.tenderId), String(body.refundId), undefined, 'QUARANTINED');
    } else if (event.type === 'drained' && !matching) {
      matching = true;
      offline
        .match()
        .catch((error: unknown) => logger.warn({ err: error }, 'offline QR matching failed'))
        .finally(() => (matching = false));
    }
  });
  const nudge = (): void => sync.nudge();
  const offs = [events.on('sale', nudge), events.on('refund', nudge), events.on('tender', nudge)];
  return () => {
    offSync();
    for (const off of offs) off();
  };
}
