import type { OutboxItem, OutboxQueries, OutboxStanding } from '../ledger/index.js';

/** The records the gateway must have before this one (a refund after its payment). */
function dependenciesOf(item: OutboxItem): string[] {
  const dependsOn = item.record.body.dependsOn;
  return Array.isArray(dependsOn) ? dependsOn.filter((d): d is string => typeof d === 'string') : [];
}

/**
 * Orders a batch by its records' dependencies. The outbox already returns
 * journal order, and a dependency is always older than its dependent, so the
 * batch is cut just before the first record whose dependency is not yet
 * acknowledged (it goes in a later batch, after the dependency's ack), and a
 * record whose dependency was quarantined is set aside with it.
 */
export class SyncDependencies {
  constructor(private readonly outbox: Pick<OutboxQueries, 'standing'>) {}

  private state(recordId: string): OutboxStanding {
    // A dependency that was never queued (a local-only row) is no reason to wait.
    return this.outbox.standing(recordId) ?? 'acknowledged';
  }

  /** Splits a batch into what may be sent now and what must be quarantined with its dependency. */
  plan(batch: readonly OutboxItem[]): { send: OutboxItem[]; blockedBy: Array<{ item: OutboxItem; dependency: string }> } {
    const send: OutboxItem[] = [];
    const blockedBy: Array<{ item: OutboxItem; dependency: string }> = [];
    for (const item of batch) {
      const states = dependenciesOf(item).map((d) => [d, this.state(d)] as const);
      const quarantined = states.find(([, s]) => s === 'quarantined');
      if (quarantined) {
        blockedBy.push({ item, dependency: quarantined[0] });
        continue;
      }
      if (states.some(([, s]) => s === 'pending')) break;
      send.push(item);
    }
    return { send, blockedBy };
  }
}
